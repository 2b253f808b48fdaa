import { Module } from '@nestjs/common';
import { SubjectAccessController } from './subject-access.controller.js';
import { SubjectAccessService } from './subject-access.service.js';
import { CustomFieldsModule } from '../custom-fields/index.js';

/** Subject access packages (issue 16, part 4): docs/subject-access.md. */
@Module({
  imports: [CustomFieldsModule],
  controllers: [SubjectAccessController],
  providers: [SubjectAccessService],
})
export class SubjectAccessModule {}

import { Module } from '@nestjs/common';
import { FormsController } from './forms.controller.js';
import { FormsService } from './forms.service.js';
import { FormTransferService } from './form-transfer.service.js';

/** Settings of the built-in fields of each form (issue 18): docs/forms.md. */
@Module({
  controllers: [FormsController],
  providers: [FormsService, FormTransferService],
  exports: [FormsService],
})
export class FormsModule {}

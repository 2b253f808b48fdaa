import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/index.js';
import { CustomFieldsModule } from '../custom-fields/index.js';
import { IntakesModule } from '../intakes/index.js';
import { SurvivorsModule } from '../survivors/index.js';
import { ContactConversionService } from './contact-conversion.service.js';
import { ContactsController } from './contacts.controller.js';
import { ContactsService } from './contacts.service.js';

@Module({
  imports: [SurvivorsModule, CasesModule, IntakesModule, CustomFieldsModule],
  controllers: [ContactsController],
  providers: [ContactsService, ContactConversionService],
})
export class ContactsModule {}

import { Module } from '@nestjs/common';
import { PartnerOrgsModule } from '../partner-orgs/index.js';
import { CustomFieldsModule } from '../custom-fields/index.js';
import { ConsentsController } from './consents.controller.js';
import { ConsentsService } from './consents.service.js';

@Module({ imports: [PartnerOrgsModule, CustomFieldsModule], controllers: [ConsentsController], providers: [ConsentsService], exports: [ConsentsService] })
export class ConsentsModule {}

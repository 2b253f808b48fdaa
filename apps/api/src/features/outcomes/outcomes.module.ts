import { Module } from '@nestjs/common';
import { CustomFieldsModule } from '../custom-fields/index.js';
import { OutcomesController } from './outcomes.controller.js';
import { OutcomesService } from './outcomes.service.js';

@Module({ imports: [CustomFieldsModule], controllers: [OutcomesController], providers: [OutcomesService] })
export class OutcomesModule {}

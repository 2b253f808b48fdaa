import { Module } from '@nestjs/common';
import { CustomFieldsModule } from '../custom-fields/index.js';
import { SurvivorMatching } from './survivor-matching.service.js';
import { SurvivorNameIndexer } from './survivor-name-indexer.js';
import { SurvivorsController } from './survivors.controller.js';
import { SurvivorsService } from './survivors.service.js';

@Module({
  imports: [CustomFieldsModule],
  controllers: [SurvivorsController],
  providers: [SurvivorsService, SurvivorMatching, SurvivorNameIndexer],
  exports: [SurvivorsService, SurvivorMatching],
})
export class SurvivorsModule {}

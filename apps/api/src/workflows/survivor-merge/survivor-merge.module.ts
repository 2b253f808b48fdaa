import { Module } from '@nestjs/common';
import { SurvivorMergeController } from './survivor-merge.controller.js';
import { SurvivorMergeService } from './survivor-merge.service.js';

/** Merging two records of one survivor (issue 17): docs/duplicates.md, "Merge". */
@Module({ controllers: [SurvivorMergeController], providers: [SurvivorMergeService] })
export class SurvivorMergeModule {}

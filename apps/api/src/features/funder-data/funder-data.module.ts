import { Module } from '@nestjs/common';
import { FunderDataController } from './funder-data.controller.js';
import { FunderDataService } from './funder-data.service.js';

@Module({ controllers: [FunderDataController], providers: [FunderDataService] })
export class FunderDataModule {}

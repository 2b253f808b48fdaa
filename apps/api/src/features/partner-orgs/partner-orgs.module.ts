import { Module } from '@nestjs/common';
import { PartnerOrgsController } from './partner-orgs.controller.js';
import { PartnerDirectoryService } from './partner-directory.service.js';
import { PartnerOrgsRepository } from './partner-orgs.repository.js';
import { PartnerOrgsService } from './partner-orgs.service.js';

@Module({
  controllers: [PartnerOrgsController],
  providers: [PartnerOrgsService, PartnerOrgsRepository, PartnerDirectoryService],
  exports: [PartnerOrgsRepository, PartnerDirectoryService],
})
export class PartnerOrgsModule {}

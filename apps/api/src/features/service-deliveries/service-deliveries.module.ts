import { Module } from '@nestjs/common';
import { PartnerOrgsModule } from '../partner-orgs/index.js';
import { ServiceDeliveriesController } from './service-deliveries.controller.js';
import { ServiceDeliveriesService } from './service-deliveries.service.js';

@Module({
  imports: [PartnerOrgsModule],
  controllers: [ServiceDeliveriesController],
  providers: [ServiceDeliveriesService],
})
export class ServiceDeliveriesModule {}

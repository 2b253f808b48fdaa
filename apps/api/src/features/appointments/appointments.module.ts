import { Module } from '@nestjs/common';
import { PartnerOrgsModule } from '../partner-orgs/index.js';
import { AppointmentsController, CalendarController, CalendarFeedController } from './appointments.controller.js';
import { AppointmentsService } from './appointments.service.js';
import { CalendarFeedService } from './calendar-feed.service.js';

@Module({
  imports: [PartnerOrgsModule],
  controllers: [AppointmentsController, CalendarFeedController, CalendarController],
  providers: [AppointmentsService, CalendarFeedService],
})
export class AppointmentsModule {}

import { Module } from '@nestjs/common';
import { BreakGlassController } from './break-glass.controller.js';
import { BreakGlassService } from './break-glass.service.js';

@Module({ controllers: [BreakGlassController], providers: [BreakGlassService] })
export class BreakGlassModule {}

import { Module } from '@nestjs/common';
import { CaseNotesController } from './case-notes.controller.js';
import { CaseNotesService } from './case-notes.service.js';
import { NoteDraftsController } from './note-drafts.controller.js';
import { NoteDraftsService } from './note-drafts.service.js';

@Module({ controllers: [NoteDraftsController, CaseNotesController], providers: [CaseNotesService, NoteDraftsService] })
export class CaseNotesModule {}

import { Body, Controller, Get, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MetricCatalogueResponse, MetricReleaseResponse } from '@lantern/contracts';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { CreateReleaseDto } from './dto/create-release.dto.js';
import { MetricsService } from './metrics.service.js';
import { answer, Returns, ReturnsFile } from '../../kernel/http/openapi.js';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly service: MetricsService) {}

  @Get('tables')
  @Policy('read', 'Metrics')
  @ApiOperation({ summary: 'The fixed catalogue of tables, the periods that may be released, the privacy budget' })
  @Returns('MetricCatalogueResponse')
  tables(): Promise<MetricCatalogueResponse> {
    return answer<MetricCatalogueResponse>(this.service.catalogue());
  }

  @Get('releases')
  @Policy('read', 'Metrics')
  @Returns('MetricReleaseResponse', { list: true })
  async list(@Res({ passthrough: true }) res: Response): Promise<MetricReleaseResponse[]> {
    const rows = await this.service.list();
    res.header('Content-Range', `metric-releases 0-${Math.max(0, rows.length - 1)}/${rows.length}`);
    return rows;
  }

  @Post('releases')
  @Policy('export', 'Metrics')
  @ApiOperation({ summary: 'Start the release of a frozen period (step-up required); 202 when started, 200 with the existing one' })
  @Returns('MetricReleaseResponse', { status: 201 })
  async create(@Body() body: CreateReleaseDto, @Res({ passthrough: true }) res: Response): Promise<MetricReleaseResponse> {
    const { release, created } = await this.service.create(body);
    res.status(created ? 202 : 200);
    res.header('Location', `/api/v1/metrics/releases/${release.id}`);
    return release;
  }

  @Get('releases/:id')
  @Policy('read', 'Metrics')
  @Returns('MetricReleaseResponse')
  get(@Param('id', UuidPipe) id: string): Promise<MetricReleaseResponse> {
    return this.service.get(id);
  }

  @Get('releases/:id/download')
  @Policy('export', 'Metrics')
  @ApiOperation({ summary: 'The zip: tidy CSV + metadata.json, HTCDS/CTDC layout, HUD-style tables; the same bytes every time' })
  @ReturnsFile('application/zip', 'The release archive')
  async download(@Param('id', UuidPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { archive, filename, sha256 } = await this.service.download(id);
    res.header('ETag', `"${sha256}"`);
    return new StreamableFile(archive, { type: 'application/zip', disposition: `attachment; filename="${filename}"`, length: archive.length });
  }
}

import type { GlobalSearchResult } from '@lantern/contracts';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignedIn } from '../../access/authz/access.decorators.js';
import { GlobalSearchDto } from './search.dto.js';
import { SearchService } from './search.service.js';
import { Returns } from '../../kernel/http/openapi.js';

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly service: SearchService) {}

  /** Any signed-in role reaches the route; each group is scoped to what the role may read (an analyst: 403). */
  @Post()
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'The app bar search: cases by number or alias, survivors by alias, partner organizations by name (POST: never in a URL)' })
  @Returns('GlobalSearchResult')
  search(@Body() body: GlobalSearchDto): Promise<GlobalSearchResult> {
    return this.service.search(body.q);
  }
}

import type { MetricCellResponse, MetricTableResponse } from '@lantern/contracts';
import { Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography, useTheme } from '@mui/material';
import { useId } from 'react';
import { useTranslate } from 'react-admin';
import { cellText, FLAG_LABELS, formatShare, isSuppressed, tableWords, UNIT_LABELS } from './metrics-labels';

const MARGIN = '*';
const key = (dim1: string, dim2: string | null): string => `${dim1}|${dim2 ?? ''}`;

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null && value !== MARGIN))];
}

/** Rows, columns and a lookup of one protected table: inner cells, margins ('*') and the total. */
function shapeOf(table: MetricTableResponse) {
  const cells = new Map(table.cells.map((cell) => [key(cell.dim1, cell.dim2), cell]));
  const twoDimensions = table.dimensions.length === 2;
  const rows = unique(table.cells.map((cell) => cell.dim1));
  const columns = twoDimensions ? unique(table.cells.map((cell) => cell.dim2)) : [];
  const at = (dim1: string, dim2: string | null): MetricCellResponse | undefined => cells.get(key(dim1, dim2));
  const total = at(MARGIN, twoDimensions ? MARGIN : null) ?? at(MARGIN, MARGIN) ?? at(MARGIN, null);
  return { twoDimensions, rows, columns, at, total };
}

export interface ChartBar {
  key: string;
  label: string;
  cell: MetricCellResponse | undefined;
}

/** A group of bars: one value of the first dimension in a cross-table (with its label), else the only group. */
export interface ChartGroup {
  key: string;
  label: string | null;
  bars: ChartBar[];
}

/**
 * What the chart draws: the published cells themselves. A one-dimension table is one group of bars;
 * a cross-table is a group per value of its first dimension, a bar per value of its second. Margins are
 * not drawn: protection often hides a row's total to keep its cells (issue 13, where a chart of hidden
 * totals drew nothing while the table had cells of 135 and 125); they are in the table.
 */
export function chartGroups(table: MetricTableResponse): ChartGroup[] {
  const words = tableWords(table);
  const { twoDimensions, rows, columns, at } = shapeOf(table);
  const [first, second] = table.dimensions;
  if (!twoDimensions) return rows.length ? [{ key: '', label: null, bars: rows.map((row) => ({ key: row, label: words.value(row, first), cell: at(row, null) })) }] : [];
  return rows.map((row) => ({
    key: row,
    label: words.value(row, first),
    bars: columns.map((column) => ({ key: `${row}|${column}`, label: words.value(column, second), cell: at(row, column) })),
  }));
}

const LABEL_WIDTH = 230;
const BAR_AREA = 330;
const VALUE_WIDTH = 110;
const ROW = 26;
const GROUP_HEADING = 24;

/**
 * A plain SVG bar chart of the published values. A hidden count gets no bar (not a zero-length one,
 * which would read as "none"): a dashed outline and its "<11" or "suppressed" instead.
 */
export function MetricBarChart({ table }: { table: MetricTableResponse }) {
  const words = tableWords(table);
  const theme = useTheme();
  const titleId = useId();
  const translate = useTranslate();
  const groups = chartGroups(table);
  const bars = groups.flatMap((group) => group.bars);
  if (bars.length === 0) return null;
  const max = Math.max(1, ...bars.map((bar) => bar.cell?.value ?? 0));
  const headed = groups.some((group) => group.label !== null);
  const height = bars.length * ROW + (headed ? groups.length * GROUP_HEADING : 0) + 8;
  const width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
  const what =
    table.dimensions.length === 2
      ? translate('lantern.metrics.cellsBy', { first: words.dimension(table.dimensions[0]).toLowerCase(), second: words.dimension(table.dimensions[1]).toLowerCase() })
      : words.dimension(table.dimensions[0]).toLowerCase();
  let y = 4;
  const drawn = groups.map((group) => {
    const heading = group.label === null ? null : { y, label: group.label };
    if (heading) y += GROUP_HEADING;
    const rows = group.bars.map((bar) => {
      const at = y;
      y += ROW;
      return { ...bar, y: at };
    });
    return { key: group.key, heading, rows };
  });
  return (
    <Box
      component="svg"
      role="img"
      aria-labelledby={titleId}
      viewBox={`0 0 ${width} ${height}`}
      sx={{ width: '100%', maxWidth: width, height: 'auto', display: 'block', my: 1 }}
    >
      <title id={titleId}>{translate('lantern.metrics.barChart', { table: words.title.toLowerCase(), what })}</title>
      {drawn.map((group) => (
        <g key={group.key}>
          {group.heading && (
            <text x={8} y={group.heading.y + GROUP_HEADING / 2 + 2} dominantBaseline="middle" fontSize={13} fontWeight={600} fill={theme.palette.text.primary}>
              {group.heading.label}
            </text>
          )}
          {group.rows.map(({ key: barKey, label, cell, y: top }) => {
            const hidden = !cell || isSuppressed(cell);
            const barWidth = hidden ? 0 : Math.max(2, ((cell.value ?? 0) / max) * BAR_AREA);
            return (
              <g key={barKey} data-bar={barKey} data-hidden={hidden ? 'true' : 'false'}>
                <text x={LABEL_WIDTH - 8} y={top + ROW / 2} textAnchor="end" dominantBaseline="middle" fontSize={13} fill={theme.palette.text.primary}>
                  {label}
                </text>
                {hidden ? (
                  <rect
                    x={LABEL_WIDTH}
                    y={top + 4}
                    width={24}
                    height={ROW - 8}
                    fill="none"
                    stroke={theme.palette.text.disabled}
                    strokeDasharray="3 3"
                  />
                ) : (
                  <rect x={LABEL_WIDTH} y={top + 4} width={barWidth} height={ROW - 8} rx={2} fill={theme.palette.primary.main} />
                )}
                <text
                  x={LABEL_WIDTH + (hidden ? 24 : barWidth) + 6}
                  y={top + ROW / 2}
                  dominantBaseline="middle"
                  fontSize={13}
                  fontStyle={hidden ? 'italic' : undefined}
                  fill={hidden ? theme.palette.text.secondary : theme.palette.text.primary}
                >
                  {cellText(cell)}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </Box>
  );
}

function ValueCell({ cell, total = false }: { cell: MetricCellResponse | undefined; total?: boolean }) {
  const hidden = isSuppressed(cell);
  return (
    <TableCell
      align="right"
      title={cell ? FLAG_LABELS[cell.flag] : undefined}
      sx={{
        fontVariantNumeric: 'tabular-nums',
        fontWeight: total ? 600 : undefined,
        fontStyle: hidden ? 'italic' : undefined,
        color: hidden ? 'text.secondary' : undefined,
        whiteSpace: 'nowrap',
      }}
    >
      {cellText(cell)}
    </TableCell>
  );
}

/** The published values as a table (what a screen reader reads, and what the chart draws). */
export function MetricValuesTable({ table }: { table: MetricTableResponse }) {
  const words = tableWords(table);
  const { twoDimensions, rows, columns, at, total } = shapeOf(table);
  const unit = UNIT_LABELS[table.unit];
  const first = table.dimensions[0];
  const translate = useTranslate();
  return (
    <TableContainer sx={{ maxWidth: twoDimensions ? undefined : 520 }}>
      <Table size="small" aria-label={translate('lantern.metrics.publishedValues', { table: words.title })}>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              {first ? words.dimension(first) : translate('lantern.metrics.period')}
              {twoDimensions ? ` / ${words.dimension(table.dimensions[1])}` : ''}
            </TableCell>
            {twoDimensions ? (
              <>
                {columns.map((column) => (
                  <TableCell key={column} component="th" scope="col" align="right">
                    {words.value(column, table.dimensions[1])}
                  </TableCell>
                ))}
                <TableCell component="th" scope="col" align="right">
                  {translate('lantern.metrics.value.all')}
                </TableCell>
              </>
            ) : (
              <TableCell component="th" scope="col" align="right">
                {unit}
              </TableCell>
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row}>
              <TableCell component="th" scope="row">
                {words.value(row, first)}
              </TableCell>
              {twoDimensions ? (
                <>
                  {columns.map((column) => (
                    <ValueCell key={column} cell={at(row, column)} />
                  ))}
                  <ValueCell cell={at(row, MARGIN)} total />
                </>
              ) : (
                <ValueCell cell={at(row, null)} />
              )}
            </TableRow>
          ))}
          <TableRow>
            <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
              {translate('lantern.metrics.value.all')}
            </TableCell>
            {twoDimensions && columns.map((column) => <ValueCell key={column} cell={at(MARGIN, column)} total />)}
            <ValueCell cell={total} total />
          </TableRow>
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** One released table: what it counts, its chart, its values, and how much of the population it shows. */
export function MetricTableView({ table, population }: { table: MetricTableResponse; population?: string }) {
  const words = tableWords(table);
  const headingId = useId();
  const translate = useTranslate();
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ py: 2, borderTop: 1, borderColor: 'divider' }}>
      <Typography id={headingId} variant="h6" component="h3">
        {words.title}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {population ? `${population}. ` : ''}
        {translate('lantern.metrics.counted', { unit: UNIT_LABELS[table.unit], share: formatShare(table.coverage) })}
      </Typography>
      {table.collapsed.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate('lantern.metrics.combined', { groups: table.collapsed.join('; ') })}
        </Typography>
      )}
      {table.dimensions.length === 2 && (
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
          {translate('lantern.metrics.barsNote', {
            first: words.dimension(table.dimensions[0]).toLowerCase(),
            second: words.dimension(table.dimensions[1]).toLowerCase(),
          })}
        </Typography>
      )}
      <MetricBarChart table={table} />
      <MetricValuesTable table={table} />
    </Box>
  );
}

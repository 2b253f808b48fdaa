import type { ReportTableResponse } from '@lantern/contracts';
import { Box } from '@mui/material';
import { useTranslate } from 'react-admin';
import { chartColumn, columnLabel, figure, rowLabel, shownRows, tableTitle } from './report-labels';

/**
 * A bar chart of one column of a report table (the total column where there is one), drawn with boxes
 * rather than SVG so its words keep the page's size on a phone: each row's label, then its bar and
 * figure (beside the label from the `sm` width up). The table under it holds every figure and is what a
 * screen reader reads; the chart is one image to it, named for what it draws. Exact counts: a zero is
 * no bar and its "0".
 */
export function ReportChart({ table }: { table: ReportTableResponse }) {
  const translate = useTranslate();
  const column = chartColumn(table);
  const rows = shownRows(table);
  if (rows.length === 0) return null;
  const values = rows.map((row) => row.values[column] ?? 0);
  const max = Math.max(1, ...values);
  return (
    <Box
      role="img"
      aria-label={translate('lantern.reports.chartTitle', { table: tableTitle(table), column: columnLabel(table.columns[column]!).toLowerCase() })}
      data-chart={table.id}
      sx={{ my: 1.5, display: 'grid', rowGap: { xs: 0.75, sm: 0.5 }, columnGap: 1.5, gridTemplateColumns: { xs: '1fr', sm: 'minmax(8rem, 16rem) 1fr' }, alignItems: 'center' }}
    >
      {rows.map((row, i) => {
        const value = values[i]!;
        return (
          <Box key={row.key} sx={{ display: 'contents' }}>
            <Box sx={{ typography: 'body2', color: 'text.secondary', textAlign: { xs: 'left', sm: 'right' }, overflowWrap: 'anywhere' }}>{rowLabel(table, row)}</Box>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
              <Box sx={{ height: 14, borderRadius: 0.5, bgcolor: 'primary.main', width: value > 0 ? `max(2px, calc(${(value / max) * 100}% - 4rem))` : 0, flexShrink: 0 }} />
              <Box sx={{ typography: 'body2', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{figure(value, table.columns[column]!)}</Box>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}

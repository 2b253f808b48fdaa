import type { ReportTableResponse } from '@lantern/contracts';
import { Card, CardContent, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useId } from 'react';
import { useTranslate } from 'react-admin';
import { ReportChart } from './ReportChart';
import { columnLabel, figure, rowLabel, shownRows, tableTitle } from './report-labels';

/** One table of a report: its chart, then every figure (the table is what a screen reader reads). */
export function ReportTableCard({ table }: { table: ReportTableResponse }) {
  const translate = useTranslate();
  const headingId = useId();
  const rows = shownRows(table);
  const hidden = table.rows.length - rows.length;
  const total = table.total;
  return (
    <Card component="section" variant="outlined" aria-labelledby={headingId} data-table={table.id}>
      <CardContent>
        <Typography variant="h6" component="h3" id={headingId}>
          {tableTitle(table)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate(`lantern.reports.counts.${table.unit}`)}
        </Typography>
        {table.id !== 'services_by_pmt_service' && <ReportChart table={table} />}
        {/* Wide tables scroll on a phone; the region takes the keyboard's focus so it can be scrolled without a mouse. */}
        <TableContainer tabIndex={0} role="region" aria-label={translate('lantern.reports.figuresOf', { table: tableTitle(table) })} sx={{ mt: 1 }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">
                  {translate(table.id === 'caseload' ? 'lantern.reports.caseworker' : 'lantern.reports.row')}
                </TableCell>
                {table.columns.map((column) => (
                  <TableCell key={column} component="th" scope="col" align="right">
                    {columnLabel(column)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.key} data-row={row.key}>
                  <TableCell component="th" scope="row">
                    {rowLabel(table, row)}
                  </TableCell>
                  {table.columns.map((column, i) => (
                    <TableCell key={column} align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                      {figure(row.values[i], column)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
              {total && (
                <TableRow data-row={total.key}>
                  <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
                    {rowLabel(table, total)}
                  </TableCell>
                  {table.columns.map((column, i) => (
                    <TableCell key={column} align="right" sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
                      {figure(total.values[i], column)}
                    </TableCell>
                  ))}
                </TableRow>
              )}
            </TableBody>
          </Table>
        </TableContainer>
        {hidden > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('lantern.reports.hiddenServices', { smart_count: hidden })}
          </Typography>
        )}
        {table.id === 'services_by_voca_category' || table.id === 'services_by_pmt_service' ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('lantern.reports.peopleOnce')}
          </Typography>
        ) : null}
      </CardContent>
    </Card>
  );
}

import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import type { SubjectAccessFormat, SurvivorResponse } from '@lantern/contracts';
import { Button, Menu, MenuItem } from '@mui/material';
import { useId, useState } from 'react';
import { useLocaleState, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { useCan } from '../common/use-can';
import { downloadFile } from '../providers/download';
import { API_URL, ApiError } from '../providers/http';

const ACCEPT: Record<SubjectAccessFormat, string> = { pdf: 'application/pdf', json: 'application/json' };

/**
 * "Subject access package" on a survivor's page (issue 16, part 4; docs/subject-access.md): everything
 * the program holds about her, as a PDF in the current language or as JSON, for coordinators. The API
 * asks for the password again (the step-up dialog of providers/download.ts) and audits the export; the
 * file goes straight to the browser's downloads, named by case number, never by her name.
 */
export function SubjectAccessButton() {
  const record = useRecordContext<SurvivorResponse>();
  const can = useCan();
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);
  const menuId = useId();
  if (!record || !can('export', 'Survivor')) return null;

  const download = async (format: SubjectAccessFormat): Promise<void> => {
    setAnchor(null);
    setBusy(true);
    try {
      const query = new URLSearchParams({ format, locale: locale === 'es' ? 'es' : 'en' });
      await downloadFile(`${API_URL}/survivors/${encodeURIComponent(String(record.id))}/access-package?${query.toString()}`, {
        accept: ACCEPT[format],
        fallbackName: `access-package.${format}`,
      });
      notify('lantern.subjectAccess.done', { type: 'info' });
    } catch (error) {
      // A closed step-up dialog is no failure to report.
      if (!(error instanceof ApiError && error.code === 'AUTH_STEP_UP_REQUIRED')) notify(error instanceof ApiError ? error.message : 'lantern.subjectAccess.failed', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        size="small"
        startIcon={<AssignmentIndIcon />}
        onClick={(event) => setAnchor(event.currentTarget)}
        disabled={busy}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        aria-expanded={anchor ? 'true' : undefined}
      >
        {translate('lantern.subjectAccess.button')}
      </Button>
      <Menu id={menuId} anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => void download('pdf')}>{translate('lantern.subjectAccess.pdf')}</MenuItem>
        <MenuItem onClick={() => void download('json')}>{translate('lantern.subjectAccess.json')}</MenuItem>
      </Menu>
    </>
  );
}

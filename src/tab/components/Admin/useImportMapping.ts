/**
 * State of the import's mapping step (issue 19): the server's preview of the chosen file's columns, the
 * admin's choice of field for each, and the way forward for a missing date received. Every change asks
 * the server again with the choices as a mapping, so what is matched, suggested and missing is always
 * the server's word: the tab keeps no copy of the matching rule.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportField } from '../../../domain/importColumns';
import type { ImportPreviewResponse, SavedImportMapping } from '../../../domain/importing';
import { ApiError, type CmoeApi } from '../../client/client';

export type ReceivedMode = 'date' | 'column';

/** What the check and the import send for the mapping step's choices. */
export interface MappingChoices {
  /** A mapping (`{ headerRow, sheet, columns }`), or the uploaded mapping file's JSON, or null. */
  mapping: unknown;
  receivedOn?: string;
  receivedFrom?: string;
}

export interface ImportMappingState {
  preview: ImportPreviewResponse | null;
  loading: boolean;
  error: ApiError | null;
  /** Imports column `header` as `field` (null: not imported), and asks the server again. */
  setField(header: string, field: ImportField | null): void;
  /** True once the admin has changed a column (the mapping is then the screen's, not the file's). */
  changed: boolean;
  receivedMode: ReceivedMode;
  setReceivedMode(m: ReceivedMode): void;
  receivedOn: string;
  setReceivedOn(d: string): void;
  receivedFrom: string;
  setReceivedFrom(header: string): void;
  /** True when the file has no date received column and the admin must choose a way forward. */
  needsReceived: boolean;
  /** Why the check cannot go on yet, in words; null when it can. */
  blockedBecause: string | null;
  choices(): MappingChoices;
  /** Counts the admin's changes: a report checked before the last one is out of date. */
  version: number;
  /** Mappings saved earlier, offered again; null until read. */
  saved: SavedImportMapping[] | null;
  /** The saved mapping applied to this file, if any. */
  applied: string | null;
  apply(name: string | null): void;
  /** Saves the columns as chosen now under `name`; resolves to an error message, or null when saved. */
  save(name: string): Promise<string | null>;
}

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError
    ? e
    : new ApiError(0, 'Internal', 'Error', 'The file’s columns could not be read; try again.');
}

export function useImportMapping(
  api: CmoeApi,
  /** The chosen spreadsheet, null until one is chosen (or when it is refused before upload). */
  file: File | null,
  /** The uploaded mapping file's JSON, if any: the first preview uses it. */
  uploaded: unknown,
): ImportMappingState {
  const [preview, setPreview] = useState<ImportPreviewResponse | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [columns, setColumns] = useState<Record<string, ImportField | null> | null>(null);
  const [receivedMode, setReceivedMode] = useState<ReceivedMode>('date');
  const [receivedOn, setReceivedOn] = useState('');
  const [receivedFrom, setReceivedFrom] = useState('');
  const [version, setVersion] = useState(0);
  const [saved, setSaved] = useState<SavedImportMapping[] | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  // The mapping the screen starts from: the uploaded file's, or a saved one the admin applied.
  const [base, setBase] = useState<unknown>(null);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  // Only the answer to the latest request is shown: a slow earlier one must not overwrite it.
  const latest = useRef(0);

  const mappingOf = useCallback(
    (cols: Record<string, ImportField | null> | null, p: ImportPreviewResponse | null): unknown =>
      cols === null || p === null
        ? (base ?? uploaded ?? null)
        : { sheet: p.sheet, headerRow: p.headerRow, columns: cols },
    [base, uploaded],
  );

  // Read when a file is chosen, so a mapping saved since (here or elsewhere) is offered.
  useEffect(() => {
    if (file === null) return;
    let live = true;
    api.listImportMappings().then(
      (list) => live && setSaved(list),
      () => live && setSaved([]),
    );
    return () => {
      live = false;
    };
  }, [api, file]);

  const load = useCallback(
    async (f: File, mapping: unknown, first: boolean) => {
      const n = ++latest.current;
      setLoading(true);
      try {
        const p = await api.previewImport({ name: f.name, bytes: f }, mapping);
        if (n !== latest.current) return;
        setPreview(p);
        setError(null);
        if (first) {
          setReceivedOn(p.receivedOnDefault);
          setReceivedFrom(p.columns.find((c) => c.looksLikeDates && c.field !== 'dateOfBirth')?.header ?? '');
        }
      } catch (e) {
        if (n === latest.current) setError(toApiError(e));
      } finally {
        if (n === latest.current) setLoading(false);
      }
    },
    [api],
  );

  useEffect(() => {
    setColumns(null);
    setPreview(null);
    setError(null);
    setReceivedMode('date');
    setBase(null);
    setApplied(null);
    if (file !== null) void load(file, uploaded ?? null, true);
    else latest.current++;
  }, [file, uploaded, load]);

  const setField = useCallback(
    (header: string, field: ImportField | null) => {
      if (!preview || !file) return;
      const base = columns ?? Object.fromEntries(preview.columns.map((c) => [c.header, c.field]));
      const next = { ...base, [header]: field };
      setColumns(next);
      bump();
      void load(file, mappingOf(next, preview), false);
    },
    [bump, columns, file, load, mappingOf, preview],
  );

  const needsReceived = preview !== null && preview.missing.includes('receivedOn');
  const otherMissing = preview ? preview.missing.filter((f) => f !== 'receivedOn') : [];
  const label = (f: ImportField) => preview?.fields.find((x) => x.field === f)?.label ?? f;
  const blockedBecause =
    preview === null
      ? null
      : otherMissing.length > 0
        ? `Choose a column for ${otherMissing.map(label).join(', ')}.`
        : needsReceived && receivedMode === 'date' && receivedOn === ''
          ? 'Choose the date received for every row.'
          : needsReceived && receivedMode === 'column' && receivedFrom === ''
            ? 'Choose the column to take the date received from.'
            : null;

  const choices = useCallback((): MappingChoices => {
    const mapping = mappingOf(columns, preview);
    if (!needsReceived) return { mapping };
    return receivedMode === 'date' ? { mapping, receivedOn } : { mapping, receivedFrom };
  }, [columns, mappingOf, needsReceived, preview, receivedFrom, receivedMode, receivedOn]);

  const apply = useCallback(
    (name: string | null) => {
      const m = name === null ? null : (saved?.find((s) => s.name === name)?.mapping ?? null);
      setApplied(m === null ? null : name);
      setBase(m);
      setColumns(null);
      bump();
      if (file) void load(file, m ?? uploaded ?? null, false);
    },
    [bump, file, load, saved, uploaded],
  );

  const save = useCallback(
    async (name: string): Promise<string | null> => {
      if (!preview) return 'Choose a file first.';
      // The columns only: next month's file may have another sheet name or title rows.
      const columns = Object.fromEntries(preview.columns.map((c) => [c.header, c.field]));
      try {
        const s = await api.saveImportMapping(name.trim(), { columns });
        setSaved((list) =>
          [...(list ?? []).filter((x) => x.name !== s.name), s].sort((a, b) => (a.name < b.name ? -1 : 1)),
        );
        setApplied(s.name);
        return null;
      } catch (e) {
        return toApiError(e).detail;
      }
    },
    [api, preview],
  );

  return {
    saved,
    applied,
    apply,
    save,
    preview,
    loading,
    error,
    setField,
    changed: columns !== null,
    receivedMode,
    setReceivedMode: (m) => {
      setReceivedMode(m);
      bump();
    },
    receivedOn,
    setReceivedOn: (d) => {
      setReceivedOn(d);
      bump();
    },
    receivedFrom,
    setReceivedFrom: (h) => {
      setReceivedFrom(h);
      bump();
    },
    needsReceived,
    blockedBecause,
    choices,
    version,
  };
}

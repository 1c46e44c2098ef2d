/**
 * Labelled form controls on Fluent's Field, each showing the API's messages for its field (`issues`)
 * and, in the case form, an "Unsaved" mark. Checkbox groups use a fieldset and legend.
 */
import {
  Checkbox,
  Field,
  Input,
  Select,
  Textarea,
  mergeClasses,
  type FieldProps,
} from '@fluentui/react-components';
import { ErrorCircle16Filled } from '@fluentui/react-icons';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useFormFieldStyles } from './FormFields.styles';
import { Badge } from '@fluentui/react-components';

interface Common {
  label: string;
  issues?: string[];
  hint?: string;
  required?: boolean;
  unsaved?: boolean;
  className?: string;
}

function Label({ label, unsaved }: { label: string; unsaved?: boolean }) {
  const styles = useFormFieldStyles();
  return (
    <>
      {label}
      {unsaved && (
        <Badge className={styles.unsaved} size="small" appearance="tint" color="brand">
          Unsaved
        </Badge>
      )}
    </>
  );
}

function useFieldProps(p: Common): Partial<FieldProps> {
  const styles = useFormFieldStyles();
  const msg = p.issues?.length ? p.issues.join(' ') : undefined;
  return {
    label: { children: <Label label={p.label} unsaved={p.unsaved} /> },
    required: p.required,
    hint: p.hint,
    validationMessage: msg,
    validationState: msg ? 'error' : 'none',
    className: mergeClasses(styles.field, p.className),
  };
}

export function TextField(
  p: Common & {
    value: string | null;
    onChange(value: string): void;
    multiline?: boolean;
    type?: 'text' | 'email';
    placeholder?: string;
    maxLength?: number;
  },
) {
  const fp = useFieldProps(p);
  return (
    <Field {...fp}>
      {p.multiline ? (
        <Textarea
          value={p.value ?? ''}
          resize="vertical"
          maxLength={p.maxLength}
          placeholder={p.placeholder}
          onChange={(_, d) => p.onChange(d.value)}
        />
      ) : (
        <Input
          type={p.type ?? 'text'}
          value={p.value ?? ''}
          maxLength={p.maxLength}
          placeholder={p.placeholder}
          onChange={(_, d) => p.onChange(d.value)}
        />
      )}
    </Field>
  );
}

export function DateField(
  p: Common & { value: string | null; onChange(value: string | null): void; min?: string; max?: string },
) {
  const fp = useFieldProps(p);
  return (
    <Field {...fp}>
      <Input
        type="date"
        value={p.value ?? ''}
        min={p.min}
        max={p.max}
        onChange={(_, d) => p.onChange(d.value === '' ? null : d.value)}
      />
    </Field>
  );
}

/** A number typed as text (so "1." survives while typing); empty is null. */
export function NumberField(
  p: Common & {
    value: number | null;
    onChange(value: number | null): void;
    min?: number;
    max?: number;
    step?: number;
  },
) {
  const fp = useFieldProps(p);
  const [text, setText] = useState(p.value === null ? '' : String(p.value));
  useEffect(() => {
    setText((t) =>
      (t === '' ? p.value === null : Number(t) === p.value) ? t : p.value === null ? '' : String(p.value),
    );
  }, [p.value]);
  return (
    <Field {...fp}>
      <Input
        type="number"
        inputMode="decimal"
        value={text}
        min={p.min}
        max={p.max}
        step={p.step}
        onChange={(_, d) => {
          setText(d.value);
          if (d.value.trim() === '') p.onChange(null);
          else if (!Number.isNaN(Number(d.value))) p.onChange(Number(d.value));
        }}
      />
    </Field>
  );
}

export function SelectField<T extends string>(
  p: Common & {
    value: NoInfer<T> | '';
    options: readonly { value: T; label: string }[];
    onChange(value: NoInfer<T>): void;
    placeholder?: string;
  },
) {
  const fp = useFieldProps(p);
  const styles = useFormFieldStyles();
  return (
    <Field {...fp}>
      <Select className={styles.select} value={p.value} onChange={(_, d) => p.onChange(d.value as T)}>
        {p.value === '' && <option value="">{p.placeholder ?? 'Choose…'}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** A comma-separated list typed as text (so a trailing comma survives while typing). */
export function ListField(
  p: Common & { value: string[]; onChange(value: string[]): void; placeholder?: string },
) {
  const fp = useFieldProps(p);
  const [text, setText] = useState(p.value.join(', '));
  const split = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  useEffect(() => {
    setText((t) => (JSON.stringify(split(t)) === JSON.stringify(p.value) ? t : p.value.join(', ')));
  }, [p.value]);
  return (
    <Field {...fp}>
      <Input
        value={text}
        placeholder={p.placeholder}
        onChange={(_, d) => {
          setText(d.value);
          p.onChange(split(d.value));
        }}
      />
    </Field>
  );
}

export function CheckboxGroupField<T extends string>(
  p: Common & {
    value: readonly T[];
    options: readonly { value: T; label: string }[];
    onChange(value: T[]): void;
  },
) {
  const styles = useFormFieldStyles();
  const errorId = useId();
  const msg = p.issues?.length ? p.issues.join(' ') : null;
  return (
    <fieldset
      className={`${styles.fieldset} ${p.className ?? ''}`}
      aria-describedby={msg ? errorId : undefined}
    >
      <legend className={styles.legend}>
        <Label label={p.label} unsaved={p.unsaved} />
        {p.required && <span aria-hidden="true"> *</span>}
      </legend>
      <div className={styles.checkboxes}>
        {p.options.map((o) => (
          <Checkbox
            key={o.value}
            label={o.label}
            checked={p.value.includes(o.value)}
            onChange={(_, d) =>
              p.onChange(
                d.checked
                  ? p.options.map((x) => x.value).filter((v) => v === o.value || p.value.includes(v))
                  : p.value.filter((v) => v !== o.value),
              )
            }
          />
        ))}
      </div>
      {msg && (
        <span id={errorId} className={styles.error}>
          <ErrorCircle16Filled aria-hidden="true" />
          {msg}
        </span>
      )}
    </fieldset>
  );
}

/** A value shown, not edited (a field the user's role cannot change, or a computed one). */
export function ReadOnlyField({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  const styles = useFormFieldStyles();
  return (
    <dl className={styles.readOnly}>
      <dt className={styles.readOnlyLabel}>{label}</dt>
      <dd className={styles.readOnlyValue}>{value}</dd>
      {hint && <dd className={styles.readOnlyHint}>{hint}</dd>}
    </dl>
  );
}

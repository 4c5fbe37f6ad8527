/**
 * Form fields for a master-data kind, read from the same zod schema the API validates with, so a page
 * can never ask for a field the API refuses or miss one it needs. Text, dates, numbers, yes/no, lists,
 * choices and small nested objects (a contract's coverage) each get their input.
 */
import { z } from '../../shared/common/schemaParts';
import { Html, html } from './layout';

type Value = unknown;

/** The innermost schema under optional/default wrappers, and whether the API needs the field. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; required: boolean } {
  let inner = schema;
  let required = true;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
      required = false;
      inner = inner.def.innerType as z.ZodType;
    } else return { inner, required };
  }
}

function input(name: string, schema: z.ZodType, value: Value, forCreate: boolean): Html {
  const { inner, required } = unwrap(schema);
  // On a change, every field is optional (only what is sent changes); an empty field is not sent.
  const req = forCreate && required;
  const opt = req ? '' : new Html(' data-optional');
  if (inner instanceof z.ZodBoolean)
    return html`<label class="check"
      ><input type="checkbox" name="${name}" ${value ? 'checked' : ''} /> ${name}</label
    >`;
  if (inner instanceof z.ZodEnum)
    return html`<label
      >${name}
      <select name="${name}" ${opt}>
        ${req ? '' : html`<option value=""></option>`}
        ${inner.options.map((o) => html`<option value="${String(o)}" ${o === value ? 'selected' : ''}>${String(o)}</option>`)}
      </select></label
    >`;
  if (inner instanceof z.ZodArray) {
    const el = unwrap(inner.element as z.ZodType).inner;
    if (el instanceof z.ZodEnum)
      return html`<label
        >${name}
        <select name="${name}" multiple data-type="multi" ${opt}>
          ${el.options.map(
            (o) =>
              html`<option value="${String(o)}" ${Array.isArray(value) && value.includes(o) ? 'selected' : ''}>
                ${String(o)}
              </option>`,
          )}
        </select></label
      >`;
    // R-CERT-1: certifications as "ups@2027-06-30, solar-water-heater" (a product line and the day it runs out).
    const dated = el instanceof z.ZodUnion;
    const shown = Array.isArray(value)
      ? value
          .map((v) => (v && typeof v === 'object' ? `${(v as any).productLine}@${(v as any).validUntil}` : String(v)))
          .join(', ')
      : '';
    return html`<label
      >${name}${dated ? ' (product-line@YYYY-MM-DD)' : ''}
      <input
        name="${name}"
        data-type="${dated ? 'dated-list' : 'list'}"
        value="${shown}"
        ${req ? 'required' : ''}
        ${opt}
    /></label>`;
  }
  if (inner instanceof z.ZodObject)
    return html`<fieldset>
      <legend>${name}</legend>
      ${Object.entries(inner.shape).map(([k, s]) =>
        input(`${name}.${k}`, s as z.ZodType, (value as Record<string, Value> | undefined)?.[k], false),
      )}
    </fieldset>`;
  const isNumber = inner instanceof z.ZodNumber;
  const isDate = inner instanceof z.ZodISODate;
  const shown = value === undefined || value === null ? '' : String(value);
  return html`<label
    >${name}
    <input
      name="${name}"
      value="${shown}"
      ${isNumber ? new Html(' type="number" data-type="number"') : isDate ? new Html(' type="date"') : ''}
      ${req ? 'required' : ''}
      ${opt}
  /></label>`;
}

/** The fields of a record: every field of the kind, filled from `doc` (a change leaves the id out). */
export function masterDataFields(schema: z.ZodObject, idField: string, doc?: Record<string, Value>): Html {
  return html`${Object.entries(schema.shape)
    .filter(([name]) => !doc || name !== idField)
    .map(([name, s]) => input(name, s as z.ZodType, doc?.[name], !doc))}`;
}

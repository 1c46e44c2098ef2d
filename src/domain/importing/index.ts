/**
 * Importing the group's spreadsheet, as pure steps the import operation runs in order:
 *
 * 1. {@link readImportSheet}: find the sheet and its header row, bind columns to fields, read every
 *    data row's cells into typed values (or cell issues). File-level problems throw `InvalidError`.
 * 2. {@link matchedRefs}: which stored cases rows with notes match (the operation loads only their timelines).
 * 3. {@link planImport}: per row, create / update / unchanged / rejected, with the exact writes, checked
 *    with the domain's own schema and rules (referral date, year group from date of birth, eligibility).
 * 4. {@link reportOf}: the plan as a report that names rows, cells and fields but holds no values, so it
 *    can be shown to an admin (who may not read cases) and logged.
 *
 * Matching a row to a case: by ref, else by UPN, else by first name + last name + date of birth. A ref or
 * UPN match must agree with the case on at least two of first name, last name and date of birth, so a
 * mistyped ref never merges two children. Re-importing the same file changes nothing: fields are
 * compared with what is stored, and an action or note whose text is already on the case is not added.
 */
export * from './read';
export * from './match';
export * from './plan';
export * from './report';
export * from './preview';
export * from './saved';

/**
 * Live columns of each table by attnum, collected from the columns query. They give column
 * positions, each table's column order and constraint key names without asking the server again
 * (per-table lookups there cost more than the rest of those queries).
 */
export class TableColumns {
  /**
   * By schema, then table name: the catalog hands each schema and table name over as one shared
   * string (introspect.ts), so a lookup makes no `schema.table` string per row.
   */
  private readonly bySchema = new Map<string, Map<string, { attnum: number; name: string }[]>>();
  private sorted = true;

  add(schema: string, table: string, attnum: number, name: string): void {
    let tables = this.bySchema.get(schema);
    if (!tables) this.bySchema.set(schema, (tables = new Map()));
    const columns = tables.get(table);
    if (columns) columns.push({ attnum, name });
    else tables.set(table, [{ attnum, name }]);
    this.sorted = false;
  }

  /** Names in attnum order. */
  names(schema: string, table: string): string[] {
    return this.columns(schema, table).map((column) => column.name);
  }

  /** 1-based rank among the table's live columns: a dropped column leaves no gap. */
  position(schema: string, table: string, attnum: number): number {
    return this.columns(schema, table).findIndex((column) => column.attnum === attnum) + 1;
  }

  /**
   * Names for a constraint's conkey. A CHECK may use tableoid (attnum -6); an exclusion
   * constraint's expression elements are 0 and have no name.
   */
  keyNames(schema: string, table: string, attnums: readonly number[]): string[] {
    const columns = this.columns(schema, table);
    return attnums.flatMap((attnum) => {
      if (attnum < 0) return SYSTEM_COLUMNS[attnum] ?? [];
      return columns.find((column) => column.attnum === attnum)?.name ?? [];
    });
  }

  private columns(schema: string, table: string): readonly { attnum: number; name: string }[] {
    if (!this.sorted) {
      for (const tables of this.bySchema.values()) for (const columns of tables.values()) columns.sort((a, b) => a.attnum - b.attnum);
      this.sorted = true;
    }
    return this.bySchema.get(schema)?.get(table) ?? [];
  }
}

const SYSTEM_COLUMNS: Readonly<Record<number, string>> = {
  [-1]: 'ctid',
  [-2]: 'xmin',
  [-3]: 'cmin',
  [-4]: 'xmax',
  [-5]: 'cmax',
  [-6]: 'tableoid',
};

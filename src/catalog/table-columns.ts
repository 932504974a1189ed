/**
 * Live columns of each table by attnum, collected from the columns query. They give column
 * positions, each table's column order and constraint key names without asking the server again
 * (per-table lookups there cost more than the rest of those queries).
 */
/** A table's identity in this map: NUL cannot appear in a name, unlike the dot of `schema.table`. */
export function tableId(schema: string, table: string): string {
  return `${schema}\u0000${table}`;
}

export class TableColumns {
  private readonly byTable = new Map<string, { attnum: number; name: string }[]>();
  private sorted = true;

  add(table: string, attnum: number, name: string): void {
    const columns = this.byTable.get(table);
    if (columns) columns.push({ attnum, name });
    else this.byTable.set(table, [{ attnum, name }]);
    this.sorted = false;
  }

  /** Names in attnum order. */
  names(table: string): string[] {
    return this.columns(table).map((column) => column.name);
  }

  /** 1-based rank among the table's live columns: a dropped column leaves no gap. */
  position(table: string, attnum: number): number {
    return this.columns(table).findIndex((column) => column.attnum === attnum) + 1;
  }

  /**
   * Names for a constraint's conkey. A CHECK may use tableoid (attnum -6); an exclusion
   * constraint's expression elements are 0 and have no name.
   */
  keyNames(table: string, attnums: readonly number[]): string[] {
    const columns = this.columns(table);
    return attnums.flatMap((attnum) => {
      if (attnum < 0) return SYSTEM_COLUMNS[attnum] ?? [];
      return columns.find((column) => column.attnum === attnum)?.name ?? [];
    });
  }

  private columns(table: string): readonly { attnum: number; name: string }[] {
    if (!this.sorted) {
      for (const columns of this.byTable.values()) columns.sort((a, b) => a.attnum - b.attnum);
      this.sorted = true;
    }
    return this.byTable.get(table) ?? [];
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

// Catalog queries live as .sql files beside their mappers; tsc does not copy them.
import { cpSync } from 'node:fs';

cpSync('src/catalog/sql', 'dist/catalog/sql', { recursive: true });
cpSync('src/preflight/sql', 'dist/preflight/sql', { recursive: true });

import { relationOf, type SubjectType } from '@lantern/permissions';
import type { DataSource, EntityMetadata } from 'typeorm';
import type { SqlTarget } from '../authz/rules-to-sql.js';
import { entityOf } from './subject-entities.js';

function columnOf(metadata: EntityMetadata, alias: string, field: string): string {
  const column = metadata.findColumnWithPropertyName(field);
  if (!column) throw new Error(`Rule field ${field} is not a column of ${metadata.name}`);
  return `${alias}.${column.databaseName}`;
}

/**
 * A subject's table under `alias`, with the relations of libs/permissions (RELATIONS) resolved to
 * tables from the entities' own metadata, for rulesToSql. Each relation gets an alias of its own.
 */
export function sqlTargetFor(dataSource: DataSource, subject: SubjectType, alias: string, counter = { next: 0 }): SqlTarget {
  const metadata = dataSource.getMetadata(entityOf(subject));
  return {
    column: (field) => columnOf(metadata, alias, field),
    relation(name) {
      const spec = relationOf(subject, name);
      if (!spec) throw new Error(`Unsupported relation ${name} of ${subject}`);
      const inner = `rel${++counter.next}`;
      const related = dataSource.getMetadata(entityOf(spec.subject));
      const local = columnOf(metadata, alias, spec.localKey);
      const foreign = columnOf(related, inner, spec.foreignKey);
      return {
        from: `"${related.tableName}" ${inner}`,
        on: `${foreign} = ${local}`,
        local,
        foreign,
        target: sqlTargetFor(dataSource, spec.subject, inner, counter),
      };
    },
  };
}

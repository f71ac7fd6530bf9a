// PostGIS column types declared by hand: drizzle-kit's built-in geometry() drops the SRID (stack-notes.md).
import { customType } from 'drizzle-orm/pg-core';

export const multiPolygon4326 = customType<{ data: string; driverData: string }>({
  dataType: () => 'geometry(MultiPolygon,4326)',
});
export const point4326 = customType<{ data: string; driverData: string }>({
  dataType: () => 'geometry(Point,4326)',
});

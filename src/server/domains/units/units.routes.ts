import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, pageOf } from '../../../shared/contracts/common.js';
import {
  BoundariesQuery, CreateUnitBody, EndUnitBody, ImportReport, ImportUnitsQuery, ListUnitsQuery, Successors, SuccessorsQuery, Unit, UnitDetail,
  UnitFeatureCollection, UnitTree, UnitTreeQuery, UpdateUnitBody,
} from '../../../shared/contracts/units.js';
import { contextOf } from '../../core/context.js';
import { importUnits } from './unit-import.js';
import {
  createUnit, endUnit, getUnitDetail, listUnitsFor, unitBoundaries, unitSuccessorsAsOf, unitTreeAsOf, updateUnit,
} from './units.service.js';

const tags = ['units'];

export const unitsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Import files arrive raw; JSON is parsed by Fastify already.
  app.addContentTypeParser(['text/csv', 'application/geo+json'], { parseAs: 'string', bodyLimit: app.config.importLimit },
    (_req, body, done) => done(null, body));

  app.get('/', { schema: { tags, summary: 'List units (in your scope) valid on a date', querystring: ListUnitsQuery, response: { 200: pageOf(Unit) } } },
    async (req) => listUnitsFor(contextOf(req), req.query));

  app.get('/tree', { schema: { tags, summary: 'The unit tree as of a date', querystring: UnitTreeQuery, response: { 200: UnitTree } } },
    async (req) => unitTreeAsOf(contextOf(req), req.query.asOf));

  app.get('/boundaries', { schema: { tags, summary: 'Unit boundaries as GeoJSON', querystring: BoundariesQuery, response: { 200: UnitFeatureCollection } } },
    async (req) => unitBoundaries(contextOf(req), req.query));

  app.get('/:id', { schema: { tags, params: IdParams, response: { 200: UnitDetail } } },
    async (req) => getUnitDetail(contextOf(req), req.params.id));

  app.get('/:id/successors', { schema: { tags, summary: 'Units that carry this unit’s territory on a date', params: IdParams, querystring: SuccessorsQuery, response: { 200: Successors } } },
    async (req) => unitSuccessorsAsOf(contextOf(req), req.params.id, req.query.asOf));

  app.post('/', { schema: { tags, body: CreateUnitBody, response: { 201: Unit } } },
    async (req, reply) => reply.code(201).send(await createUnit(contextOf(req), req.body)));

  app.patch('/:id', { schema: { tags, params: IdParams, body: UpdateUnitBody, response: { 200: Unit } } },
    async (req) => updateUnit(contextOf(req), req.params.id, req.body));

  app.post('/:id/end', { schema: { tags, summary: 'End a unit (merge/split) with successors and shares', params: IdParams, body: EndUnitBody, response: { 200: Unit } } },
    async (req) => endUnit(contextOf(req), req.params.id, req.body));

  app.post('/import', {
    bodyLimit: app.config.importLimit,
    schema: {
      tags, summary: 'Import units from CSV (text/csv) or GeoJSON (application/geo+json)', querystring: ImportUnitsQuery,
      body: z.unknown(), response: { 200: ImportReport },
    },
  }, async (req) => importUnits(contextOf(req), req.query, req.body));
};

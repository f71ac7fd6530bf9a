import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HolidaysOfYear, HolidayYearParams, ListHolidaysQuery, ReplaceHolidaysBody } from '../../../shared/contracts/calendar.js';
import { contextOf } from '../../core/context.js';
import { listHolidaysOfYear, replaceHolidaysOfYear } from './calendar.service.js';

const tags = ['calendar'];

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/holidays', { schema: { tags, summary: 'Public holidays and make-up working days of a year', querystring: ListHolidaysQuery, response: { 200: HolidaysOfYear } } },
    async (req) => listHolidaysOfYear(contextOf(req), req.query.year));

  app.put('/holidays/:year', { schema: { tags, summary: 'Replace a year’s holidays and make-up working days', params: HolidayYearParams, body: ReplaceHolidaysBody, response: { 200: HolidaysOfYear } } },
    async (req) => replaceHolidaysOfYear(contextOf(req), req.params.year, req.body));
};

import express, { type Router } from 'express';
import type { Services } from '../core/context.ts';
import { coachFeedIcs } from './ics.ts';
import type { BookingStore } from './store.ts';

const TOKEN = /^[\w-]{20,64}$/;

/**
 * GET /ical/<token>.ics: a coach's slots and bookings as a calendar subscription (Outlook, Google).
 * The secret token is the only credential, so unknown tokens get a plain 404 without detail.
 */
export function feedRouter(services: Services, store: BookingStore): Router {
  const router = express.Router();
  router.get('/ical/:file', async (req, res, next) => {
    try {
      const token = req.params.file.replace(/\.ics$/, '');
      const coachKey = TOKEN.test(token) ? await store.coachByFeedToken(token) : undefined;
      if (!coachKey || !(await services.roles.isCoach(coachKey))) {
        res.status(404).type('text/plain').send('Kalender nicht gefunden / calendar not found');
        return;
      }
      const now = new Date();
      const body = coachFeedIcs(coachKey, await store.feedSlots(coachKey, now), {
        publicUrl: services.config.publicUrl,
        now,
      });
      res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
      res.setHeader('Cache-Control', 'private, max-age=300');
      res.send(body);
    } catch (err) {
      next(err);
    }
  });
  return router;
}

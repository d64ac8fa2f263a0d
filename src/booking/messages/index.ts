import { translator } from '../../core/messages.ts';
import de from './de.ts';
import en from './en.ts';

/** Booking's texts, e.g. `bookingText(ctx, 'book.bookNow')`. */
export const bookingText = translator<keyof typeof de>({ de, en });

export type BookingKey = keyof typeof de;

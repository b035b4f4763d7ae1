-- Seats on transport check-ins (flight, train, bus): where the person sat, so the seat rules of
-- contact tracing (RULES.md CC.TRANSPORT.*) can tell the rows around a case from the rest of the
-- conveyance. JSON object with the parts the mode uses: plane/bus `row`, train `carriage` with
-- `bay` or soft-sleeper `compartment`, ship `compartment` (see core `Seat`).
ALTER TABLE checkins ADD COLUMN seat jsonb CHECK (seat IS NULL OR jsonb_typeof(seat) = 'object');

-- Work-unit and school-class members are candidate close contacts (RULES.md CC.SETTINGS 4): the
-- investigation looks them up by the case's workplace_id / school_id. Without these indexes each
-- look-up read every person (256 ms on 1 M persons, bench `contacts`, docs/query-plans.md).
CREATE INDEX persons_workplace_idx ON persons (workplace_id) WHERE workplace_id IS NOT NULL;
CREATE INDEX persons_school_idx ON persons (school_id) WHERE school_id IS NOT NULL;

-- Rule sets (#16): one source for each period, a colour per isolation reason, and the parameters
-- that were numbers in code.
--
-- * The health code's five copies of domain periods go (closeContactObservationDays,
--   closeContactHomeMonitorDays, secondaryContactObservationDays, confirmedPostDischargeDays,
--   asymptomaticPostReleaseDays): the colour now reads closeContact.centralizedDays,
--   closeContact.homeMonitorDays, secondaryContact.centralizedDays, confirmed.afterDischargeDays
--   and asymptomatic.afterReleaseDays, the values orders and follow-ups already used. Where a
--   stored version had the two disagree, the domain's value wins (it is what was ordered).
-- * healthCode.isolationColour becomes a colour per reason; a stored version gets its one colour
--   for every reason, so it keeps its meaning.
-- * healthCode.feverClinicLookbackDays becomes feverClinicLapseDays (0 = only a negative NAT
--   clears the red). A stored version keeps its lapse; the presets now have none.
-- * New sections `case` (CASE.SUSPECT.EXCLUDE, CASE.REPORT) and `pool` (POOL.*), with the FK8
--   values, which were constants in code until now (the 2-day pool isolation among them).
UPDATE rule_sets
   SET params = jsonb_set(
         jsonb_set(
           jsonb_set(
             (params
               #- '{healthCode,closeContactObservationDays}'
               #- '{healthCode,closeContactHomeMonitorDays}'
               #- '{healthCode,secondaryContactObservationDays}'
               #- '{healthCode,confirmedPostDischargeDays}'
               #- '{healthCode,asymptomaticPostReleaseDays}'
               #- '{healthCode,feverClinicLookbackDays}')
             || jsonb_build_object(
                  'case', jsonb_build_object(
                    'suspectExclude', jsonb_build_object('negTests', 2, 'minGapHours', 24, 'antibodyAfterOnsetDays', 7),
                    'report', jsonb_build_object('reportHours', 2, 'investigationHours', 24)),
                  'pool', jsonb_build_object(
                    'sizes', jsonb_build_array(5, 10),
                    'ratioByRisk', jsonb_build_object('low', 10, 'medium', 5, 'high', 1),
                    'dilutionMaxPrevalence', 0.001,
                    'positiveIsolationDays', 2)),
             '{healthCode,isolationColour}',
             jsonb_build_object(
               'close_contact', params #> '{healthCode,isolationColour}',
               'secondary_contact', params #> '{healthCode,isolationColour}',
               'inbound', params #> '{healthCode,isolationColour}',
               'risk_area', params #> '{healthCode,isolationColour}',
               'pool_positive', params #> '{healthCode,isolationColour}',
               'other', params #> '{healthCode,isolationColour}')),
           '{healthCode,feverClinicLapseDays}',
           coalesce(params #> '{healthCode,feverClinicLookbackDays}', '0'::jsonb)),
         '{healthCode,homeMonitoringColour}',
         coalesce(params #> '{healthCode,homeMonitoringColour}', '"yellow"'::jsonb))
 WHERE jsonb_typeof(params #> '{healthCode,isolationColour}') = 'string';

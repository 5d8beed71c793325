-- The Client Level Data code lists checked against Release 1 (issue 18,
-- domain/cld.c): values stored under the superseded wording are re-mapped
-- so that every stored value is on its list and the return still exports.
--
-- Client funding status: the Release 1 values the guidance prescribes for
-- each financial-assessment result (below the lower capital limit, between
-- the limits, above the upper one, not yet assessed).
UPDATE person_cld_attributes SET client_funding_status = CASE client_funding_status
    WHEN 'Fully Funded' THEN 'Fully Social Care Funded'
    WHEN 'Partially Funded' THEN 'Joint Client and Social Care Funded'
    WHEN 'Self-Funded' THEN '18(3) (full cost client)'
    ELSE 'Unknown - Individual Level' END
WHERE client_funding_status IN ('Fully Funded', 'Partially Funded', 'Self-Funded', 'Unknown');

-- Method of assessment / review: Release 1 asks who took part (carer only,
-- service user only, both), no longer the medium (face to face, telephone,
-- video, online), which says nothing about it. The medium is replaced by
-- the subject of the record: a carer's assessment 'Carer only', an adult's
-- assessment or a direct payment review 'Service user only'. Where a carer
-- took part the practitioner records 'Service user and carer'
-- (PUT /api/v1/cld/assessments|reviews/{id}).
UPDATE care_act_assessments SET cld_method = CASE WHEN kind = 'carer' THEN 'Carer only'
    ELSE 'Service user only' END
WHERE cld_method IN ('Face to Face', 'Telephone', 'Video', 'Online');
UPDATE direct_payment_reviews SET cld_method = 'Service user only'
WHERE cld_method IN ('Face to Face', 'Telephone', 'Video', 'Online');

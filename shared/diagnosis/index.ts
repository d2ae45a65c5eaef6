// Diagnosis schemas: plan, evidence (tri-state facts), findings, verdict, the versioned document.
export * from './cause-codes';
export * from './document';
export * from './evidence';
export * from './fact';
export * from './findings';
export * from './plan';

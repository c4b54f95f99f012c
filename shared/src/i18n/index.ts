export * from './zh-CN';
export * from './t';
export * from './zod-messages';

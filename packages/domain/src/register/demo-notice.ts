import { demoNotice } from "./notice-fixture.ts";

/*
 * TRANSITIONAL (issue 15 foundation): the apps still take the demo notice at build time until they read the notice
 * the BFF serves. The branch that moves them deletes this file; the BFF never imports it (its notice is
 * apps/bff/src/notice/notice.ts, loaded from NOTICE_FILE).
 */
export const registerDescription = demoNotice;
export const controllerName = demoNotice.controller.name;
export const registerName = demoNotice.registerName;

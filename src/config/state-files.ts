// Files the service keeps in state.dir that the settings check looks at (file-mode-warnings.ts),
// named here once so that the check and the code writing them cannot disagree.

/** The cached PowerSchool token (sources/powerschool/api/token-cache.ts). */
export const TOKEN_FILE = 'powerschool-token.json';

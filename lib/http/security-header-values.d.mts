export declare const SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }>;
export declare const API_CSP: string;

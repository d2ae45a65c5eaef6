// Operating systems as users name them, for fix steps and "made on …" lines.
export const OS_NAMES = { linux: 'Linux', darwin: 'macOS', win32: 'Windows', other: 'another OS' } as const;

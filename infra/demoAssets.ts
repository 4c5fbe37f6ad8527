/**
 * The demo world's installed base (R-ASSET-1): the wind turbine's drive train and the solar water heater's
 * parts, each with the serial installed at commissioning.
 */
export const demoAssets = (installedAt: string) => [
  {
    assetId: 'A-WT42-NACELLE',
    unitSerial: 'WT-2023-0042',
    name: 'Nacelle',
    kind: 'nacelle',
    componentSerial: 'NC-2023-0042',
  },
  {
    assetId: 'A-WT42-GBX',
    unitSerial: 'WT-2023-0042',
    parentId: 'A-WT42-NACELLE',
    name: 'Gearbox',
    kind: 'gearbox',
    componentSerial: 'GBX-7781',
    installedAt,
  },
  {
    assetId: 'A-WT42-GEN',
    unitSerial: 'WT-2023-0042',
    parentId: 'A-WT42-NACELLE',
    name: 'Generator',
    kind: 'generator',
    componentSerial: 'GEN-5520',
    installedAt,
  },
  {
    assetId: 'A-SWH1-TANK',
    unitSerial: 'SWH-2025-0001',
    name: 'Tank 300L',
    kind: 'tank',
    componentSerial: 'TK-300-1188',
  },
  {
    assetId: 'A-SWH1-CTRL',
    unitSerial: 'SWH-2025-0001',
    name: 'Controller',
    kind: 'controller',
    componentSerial: 'CTL-55-0931',
    partNo: 'P-SWH-SENSOR',
    installedAt,
  },
];

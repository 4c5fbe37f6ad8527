/**
 * The demo world: customers, units with warranty and contract dates, engineers with regions and skills,
 * parts, warehouses with stock, a service point for carry-in repair, a price list and the service policy.
 */
import { SERVICE_POLICY_KEY } from '../activities/serviceRequest/intake';
import { SLA_PRESETS } from './slaPresets';
import { DEMO_SERVICE_POINTS } from './demoServicePoints';

const day = (offsetDays: number, from = new Date()) =>
  new Date(from.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const HOUR = 3_600_000;

export function demoData(now = new Date()) {
  return {
    regions: [
      {
        region: 'east',
        name: 'East region',
        supervisorEmail: 'supervisor.east@example.test',
        supervisorId: 'disp-1',
        managerEmail: 'manager@example.test',
        agentQueueEmail: 'agents@example.test',
        technicalEmail: 'tech-support@example.test',
      },
      {
        region: 'north',
        name: 'North region',
        supervisorEmail: 'supervisor.north@example.test',
        supervisorId: 'disp-2',
        managerEmail: 'manager@example.test',
        agentQueueEmail: 'agents@example.test',
        technicalEmail: 'tech-support@example.test',
      },
      {
        region: 'west',
        name: 'West region (remote: exempt from the arrival clock, R-SLA-1)',
        supervisorEmail: 'supervisor.west@example.test',
        supervisorId: 'disp-3',
        managerEmail: 'manager@example.test',
        agentQueueEmail: 'agents@example.test',
        technicalEmail: 'tech-support@example.test',
        slaExemptClocks: ['arrival'],
      },
    ],
    customers: [
      {
        customerId: 'CUST-001',
        name: 'Li Wei',
        email: 'li.wei@example.test',
        phone: '+86 21 5555 0101',
        region: 'east',
      },
      {
        customerId: 'CUST-002',
        name: 'Sunrise Hotel',
        email: 'facilities@sunrise.example.test',
        phone: '+86 21 5555 0202',
        region: 'east',
      },
      {
        customerId: 'CUST-003',
        name: 'Zhang Min',
        email: 'zhang.min@example.test',
        phone: '+86 10 5555 0303',
        region: 'north',
      },
      {
        customerId: 'CUST-004',
        name: 'Gobi Wind Farm Co.',
        email: 'ops@gobiwind.example.test',
        phone: '+86 10 5555 0404',
        region: 'north',
      },
    ],
    contracts: [
      {
        contractNo: 'SC-2025-017',
        customerId: 'CUST-002',
        start: day(-200, now),
        end: day(165, now),
        terms:
          'labour covered, parts charged; 12 visits or 48 hours on site a year, more with the supervisor’s approval',
        coverage: { labour: true, callout: true, travel: true, part: false },
        allowance: { period: 'year', visits: 12, hours: 48, beyond: 'approval' }, // R-ENTITLE-1
      },
    ],
    units: [
      {
        serialNumber: 'SWH-2025-0001',
        customerId: 'CUST-001',
        model: 'SunHeat 300L',
        productLine: 'solar-water-heater',
        purchaseDate: day(-120, now),
        installDate: day(-110, now),
        warrantyEnd: day(610, now),
        siteAddress: 'Roof, 12 Lakeside Villas, Hangzhou',
      },
      {
        serialNumber: 'UPS-2021-0420',
        customerId: 'CUST-002',
        model: 'PowerSafe 20kVA',
        productLine: 'ups',
        purchaseDate: day(-1500, now),
        installDate: day(-1490, now),
        warrantyEnd: day(-400, now),
        siteAddress: 'Data centre B2, 88 Jianguo Road, Beijing',
        contractNo: 'SC-2025-017',
      },
      {
        serialNumber: 'WT-2023-0042',
        customerId: 'CUST-004',
        model: 'WindMaster 2.5MW',
        productLine: 'wind-turbine',
        purchaseDate: day(-900, now),
        installDate: day(-880, now),
        warrantyEnd: day(900, now),
        siteAddress: 'Turbine row 3, Gobi Wind Farm, Jiuquan',
      },
      {
        serialNumber: 'SWH-2019-0777',
        customerId: 'CUST-003',
        model: 'SunHeat 200L',
        productLine: 'solar-water-heater',
        purchaseDate: day(-2300, now),
        installDate: day(-2290, now),
        warrantyEnd: day(-1200, now),
        // Every demo unit has its site, so IoT reports and visits work for it too.
        siteAddress: 'Roof, 7 Xinyuan South Road, Chaoyang, Beijing',
      },
    ],
    productLines: [
      { productLine: 'solar-water-heater', name: 'Solar water heaters', slaPolicy: 'general' },
      // Electrical and high-voltage work: only validly certified engineers are offered it (R-CERT-1, 004 §2(3)).
      { productLine: 'ups', name: 'UPS and power equipment', slaPolicy: 'power', certificationRequired: true },
      { productLine: 'wind-turbine', name: 'Wind turbines', slaPolicy: 'wind', certificationRequired: true },
    ],
    slaPolicies: SLA_PRESETS,
    engineers: [
      {
        engineerId: 'ENG-001',
        name: 'Chen Hao',
        email: 'chen.hao@example.test',
        regions: ['east'],
        skills: ['solar-water-heater', 'ups'],
        certifications: ['solar-water-heater'],
      },
      {
        engineerId: 'ENG-002',
        name: 'Wang Fang',
        email: 'wang.fang@example.test',
        regions: ['east'],
        skills: ['solar-water-heater'],
        certifications: [],
      },
      {
        engineerId: 'ENG-003',
        name: 'Liu Yang',
        email: 'liu.yang@example.test',
        regions: ['east', 'north'],
        skills: ['ups'],
        certifications: [
          { productLine: 'ups', name: '低压电工作业证', number: 'T-3301-2024-118', validUntil: day(400, now) },
        ],
      },
      {
        engineerId: 'ENG-004',
        name: 'Zhao Lei',
        email: 'zhao.lei@example.test',
        regions: ['north'],
        skills: ['solar-water-heater'],
        // Runs out within the month: its reminder is due (R-CERT-1).
        certifications: [
          { productLine: 'solar-water-heater', name: '太阳能热水器安装维修证', validUntil: day(25, now) },
        ],
      },
      {
        engineerId: 'ENG-005',
        name: 'Sun Qiang',
        email: 'sun.qiang@example.test',
        regions: ['north'],
        skills: ['wind-turbine'],
        // Runs out within the month: its reminder is due (R-CERT-1).
        certifications: [
          { productLine: 'wind-turbine', name: '高压电工作业证', number: 'G-1102-2023-042', validUntil: day(20, now) },
        ],
      },
    ],
    parts: [
      { partNo: 'P-SWH-SENSOR', name: 'Water level/temperature sensor', fitsModels: ['SunHeat 300L', 'SunHeat 200L'] },
      { partNo: 'P-SWH-VALVE', name: 'Solenoid valve', fitsModels: ['SunHeat 300L', 'SunHeat 200L'] },
      { partNo: 'P-UPS-BATT', name: 'UPS battery module 12V 9Ah', fitsModels: ['PowerSafe 20kVA'] },
      // The common parts every trip carries (001 §5.3.6: 电池采样盒, 交流采样盒, 直流采样盒).
      {
        partNo: 'P-KIT-BATT-SAMPLER',
        name: '电池采样盒 battery sampling box',
        fitsModels: ['PowerSafe 20kVA'],
        kit: true,
      },
      { partNo: 'P-KIT-AC-SAMPLER', name: '交流采样盒 AC sampling box', fitsModels: ['PowerSafe 20kVA'], kit: true },
      { partNo: 'P-KIT-DC-SAMPLER', name: '直流采样盒 DC sampling box', fitsModels: ['PowerSafe 20kVA'], kit: true },
    ],
    warehouses: [
      { warehouseId: 'WH-EAST', name: 'Shanghai central warehouse', region: 'east' },
      { warehouseId: 'WH-NORTH', name: 'Beijing warehouse', region: 'north' },
    ],
    servicePoints: DEMO_SERVICE_POINTS,
    stock: [
      { warehouseId: 'WH-EAST', partNo: 'P-SWH-SENSOR', onHand: 12 },
      { warehouseId: 'WH-EAST', partNo: 'P-SWH-VALVE', onHand: 6 },
      { warehouseId: 'WH-EAST', partNo: 'P-UPS-BATT', onHand: 40 },
      { warehouseId: 'WH-NORTH', partNo: 'P-SWH-SENSOR', onHand: 4 },
      ...['P-KIT-BATT-SAMPLER', 'P-KIT-AC-SAMPLER', 'P-KIT-DC-SAMPLER'].flatMap((partNo) => [
        { warehouseId: 'WH-EAST', partNo, onHand: 10 },
        { warehouseId: 'WH-NORTH', partNo, onHand: 5 },
      ]),
    ],
    prices: [
      {
        code: 'P-SWH-SENSOR',
        description: 'Sensor',
        kind: 'part',
        unitPriceMinor: 18_000,
        currency: 'CNY',
        unit: 'piece',
        warrantyDays: 180,
      },
      {
        code: 'P-SWH-VALVE',
        description: 'Solenoid valve',
        kind: 'part',
        unitPriceMinor: 9_500,
        currency: 'CNY',
        unit: 'piece',
        warrantyDays: 180,
      },
      {
        code: 'P-UPS-BATT',
        description: 'Battery module',
        kind: 'part',
        unitPriceMinor: 32_000,
        currency: 'CNY',
        unit: 'piece',
        warrantyDays: 365,
      },
      {
        code: 'LABOUR-STANDARD',
        description: 'Labour, standard engineer',
        kind: 'labour',
        unitPriceMinor: 12_000,
        currency: 'CNY',
        unit: 'hour',
      },
      {
        code: 'LABOUR-SENIOR',
        description: 'Labour, senior engineer',
        kind: 'labour',
        unitPriceMinor: 20_000,
        currency: 'CNY',
        unit: 'hour',
      },
      {
        code: 'CALLOUT',
        description: 'Call-out fee',
        kind: 'callout',
        unitPriceMinor: 8_000,
        currency: 'CNY',
        unit: 'visit',
      },
      { code: 'TRAVEL-KM', description: 'Travel', kind: 'travel', unitPriceMinor: 300, currency: 'CNY', unit: 'km' },
      {
        code: 'DIAGNOSIS',
        description: 'Diagnosis fee (quotation declined)',
        kind: 'fee',
        unitPriceMinor: 5_000,
        currency: 'CNY',
        unit: 'visit',
      },
    ],
    policy: {
      key: SERVICE_POLICY_KEY,
      version: 1,
      followUpDelayMs: 24 * HOUR,
      followUpGraceMs: 24 * HOUR,
      improvementDueDays: 14,
      improvementReminderDays: 2,
      appointmentReminderLeadMs: 24 * HOUR,
      engineerCallLeadMs: HOUR / 2,
      archiveRetentionDays: 3 * 366,
      quoteReminderMs: 24 * HOUR,
      quoteExpiryMs: 72 * HOUR,
      diagnosisFeeOnDecline: true,
      workWarrantyDays: 90,
    },
  };
}

/**
 * Per-model product carbon footprints: a subset of the public Boavizta data set
 * (github.com/Boavizta/environmental-footprint-data, file boavizta-data-us.csv, commit ff4300438982, CC BY 4.0),
 * copied row for row in its own columns. The subset: Dell notebooks, desktops, a workstation-class row and monitors
 * that carry a manufacturing share, Lenovo notebooks (no manufacturing share: their embodied figure is the non-use
 * share), and Apple's Mac Pro (the only workstation row read). Query strings of source URLs were left as published.
 */
export const PCF_SOURCE = {
  dataset: 'Boavizta/environmental-footprint-data',
  file: 'boavizta-data-us.csv',
  commit: 'ff4300438982bee371f01f48a4da9bf7580194ac',
  licence: 'CC BY 4.0 (Boavizta); figures are the manufacturers’ published PCFs',
  url: 'https://github.com/Boavizta/environmental-footprint-data/blob/main/boavizta-data-us.csv',
} as const;

export const PCF_COLUMNS =
  'manufacturer,name,category,subcategory,gwp_total,gwp_use_ratio,yearly_tec,lifetime,use_location,report_date,sources,gwp_error_ratio,gwp_manufacturing_ratio,weight,assembly_location,screen_size,server_type,hard_drive,memory,number_cpu,height,added_date,add_method,gwp_transport_ratio,gwp_eol_ratio';

export const PCF_CSV = `
Dell,Latitude 7420 2-in-1,Workplace,Laptop,353.0,0.105,17.57,4.0,EU,January 2021,https://www.delltechnologies.com/asset/en-us/products/laptops-and-2-in-1s/technical-support/latitude-7420-2-in-1.pdf,0.238,0.862,1.52,China,14.0 ,,,,,, 2022-04-07,Dell Auto Parser,0,0
Dell,Latitude 7420,Workplace,Laptop,341.0,0.106,17.14,4.0,EU,January 2021,https://www.delltechnologies.com/asset/en-us/products/laptops-and-2-in-1s/technical-support/latitude-7420.pdf,0.2375,0.859,1.52,China,14.0 ,,,,,, 2022-04-07,Dell Auto Parser,0,0
Dell,Latitude 7480,Workplace,Laptop,249,0.1740,24.99,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-latitude-7480.pdf,0.2048,0.7820,1.88,CN,14,,,,,,01-11-2020,Initial Parsing,,
Dell,Latitude 7490,Workplace,Laptop,241,0.1260,17.4,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-latitude-7490.pdf,0.2199,0.8350,1.4,CN,14,,,,,,01-11-2020,Initial Parsing,,
Dell,Latitude 7520,Workplace,Laptop,364.0,0.13,22.51,4.0,EU,January 2021,https://www.delltechnologies.com/asset/en-us/products/laptops-and-2-in-1s/technical-support/latitude-7520.pdf,0.2363,0.833,1.86,China,15.0 ,,,,,, 2022-04-07,Dell Auto Parser,0,0
Dell,Latitude 9410 2-in-1,Workplace,Laptop,357.0,0.081,13.92,4.0,EU,April 2020,https://www.delltechnologies.com/asset/en-us/products/laptops-and-2-in-1s/technical-support/latitude-9410-2-in-1-pcf-datasheet.pdf,0.2213,0.883,1.8,China,14.0 ,,,,,, 2022-04-07,Dell Auto Parser,0,0
Dell,Latitude 9420,Workplace,Laptop,344.0,0.068,11.15,4.0,EU,March 2021,https://www.delltechnologies.com/asset/en-us/products/laptops-and-2-in-1s/technical-support/latitude-9420-pcf-datasheet.pdf,0.2558,0.901,1.33,China,14.0 ,,,,,, 2022-04-07,Dell Auto Parser,0,0
Dell,Latitude 9510,Workplace,Laptop,482.0,0.057,13.1,4.0,EU,May 2020,https://www.delltechnologies.com/asset/en-us/products/laptops-and-2-in-1s/technical-support/latitude-9510.pdf,0.222,0.91,1.705,China,15.0 ,,,,,, 2022-04-07,Dell Auto Parser,0,0
Dell,Latitude 9520,Workplace,Laptop,367.0,0.111,19.5,4.0,EU,February 2021,https://www.delltechnologies.com/asset/en-us/products/laptops-and-2-in-1s/technical-support/latitude-9520-pcf-datasheet.pdf,0.248,0.858,1.4,China,15.0 ,,,,,, 2022-04-07,Dell Auto Parser,0,0
Dell,Latitude E5270,Workplace,Laptop,240,0.1810,19.83,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-latitude-e5270.pdf,0.1958,0.7620,1.72,CN,12,,,,,,01-11-2020,Initial Parsing,,
Dell,Latitude E5470,Workplace,Laptop,280,0.2300,30.69,4,EU,August 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-latitude-E5470.pdf,0.1893,0.7100,2.1,CN,14,,,,,,01-11-2020,Initial Parsing,,
Dell,Latitude E5570,Workplace,Laptop,240,0.1740,19.83,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-latitude-E5570.pdf,0.1958,0.7710,1.72,CN,12,,,,,,01-11-2020,Initial Parsing,,
Dell,Latitude E7250,Workplace,Laptop,223,0.1370,16.43,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-latitude-E7250.pdf,0.2108,0.8210,1.365,CN,12,,,,,,01-11-2020,Initial Parsing,,
Dell,Latitude E7270,Workplace,Laptop,249,0.1980,26.1,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-latitude-E7270.pdf,0.1888,0.7890,1.54,CN,12,,,,,,01-11-2020,Initial Parsing,,
Dell,Latitude E7450,Workplace,Laptop,238,0.1530,16.565,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-latitude-E7450.pdf,0.2185,0.7950,1.559,CN,14,,,,,,01-11-2020,Initial Parsing,,
Dell,Latitude E7470,Workplace,Laptop,261,0.1900,17.91,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-latitude-E7470.pdf,0.2031,0.7610,1.88,CN,14,,,,,,01-11-2020,Initial Parsing,,
Dell,OptiPlex 3050 Micro Form Factor,Workplace,Desktop,258,0.3570,42.27,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-optiplex-3050-mff.pdf,0.2171,0.5930,2.82,EU,,,,,,,01-11-2020,Initial Parsing,,
Dell,OptiPlex 3050 Tower,Workplace,Desktop,432,0.4500,90.74,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-optiplex-3050-tower.pdf,0.1829,0.4800,6.1,EU,,,,,,,01-11-2020,Initial Parsing,,
Dell,OptiPlex 3060 Small Form Factor,Workplace,Desktop,414,0.4300,82.76,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-optiplex-3060-sff.pdf,0.1932,0.5100,5.24,EU,,,,,,,01-11-2020,Initial Parsing,,
Dell,OptiPlex 3070 Micro Form Factor,Workplace,Desktop,273,0.2770,36.18,4,EU,July 2019,https://www.delltechnologies.com/asset/en-us/products/desktops-and-all-in-ones/technical-support/optiplex-3070-mff.pdf,0.2051,0.6900,1.4,EU,,,,,,,30-05-2022,Manual,0.0310,
Dell,OptiPlex 3070 Small Form Factor,Workplace,Desktop,399,0.3930,74.74,4,EU,July 2019,https://www.delltechnologies.com/asset/en-us/products/desktops-and-all-in-ones/technical-support/optiplex-3070-sff.pdf,0.1654,0.5770,5.26,EU,,,,,,,30-05-2022,Manual,0.025,
Dell,OptiPlex 3070 Tower,Workplace,Desktop,579,0.4390,121.19,4,EU,July 2019,https://www.delltechnologies.com/asset/en-us/products/desktops-and-all-in-ones/technical-support/optiplex-3070-tower.pdf,0.1641,0.5300,7.93,EU,,,,,,,30-05-2022,Manual,0.0260,
Dell,OptiPlex 3090 Micro Form Factor,Workplace,Desktop,260,0.2440,28.03,4,EU,September 2021,https://www.delltechnologies.com/asset/en-us/products/desktops-and-all-in-ones/technical-support/dell-optiplex-3090-micro-form-factor-pcf-datasheet.pdf,0.2077,0.6690,1.4,EU,,,,,,,30-05-2022,Manual,0.0810,
Dell,OptiPlex 3090 Small Form Factor,Workplace,Desktop,425,0.3300,61.96,4,EU,September 2021,https://www.delltechnologies.com/asset/en-us/products/desktops-and-all-in-ones/technical-support/dell-optiplex-3090-small-form-factor-pcf-datasheet.pdf,0.2235,0.5320,4.6,EU,,,,,,,30-05-2022,Manual,0.1280,
Dell,OptiPlex 3090 Tower,Workplace,Desktop,388,0.2160,36.96,4,EU,October 2021,https://www.delltechnologies.com/asset/en-us/products/desktops-and-all-in-ones/technical-support/optiplex-3090-tower-pcf-datasheet.pdf,0.2010,0.7320,5.902,EU,,,,,,,30-05-2022,Manual,0.0390,
Dell,OptiPlex 3090 Ultra,Workplace,Desktop,210,0.2710,27.17,4,EU,January 2021,https://www.delltechnologies.com/asset/en-us/products/desktops-and-all-in-ones/technical-support/optiplex-3090-ultra.pdf,0.2333,0.6900,0.64,EU,,,,,,,30-05-2022,Manual,0.0370,
Dell,OptiPlex 5050 Tower,Workplace,Desktop,489,0.5100,117.35,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-optiplex-5050-tower.pdf,0.1677,0.4300,6.1,EU,,,,,,,01-11-2020,Initial Parsing,,
Dell,OptiPlex 5060 Small Form Factor,Workplace,Desktop,425,0.4870,96.48,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-optiplex-5060-sff.pdf,0.1694,0.4600,5.24,EU,,,,,,,01-11-2020,Initial Parsing,,
Dell,OptiPlex 7050 Micro Form Factor,Workplace,Desktop,258,0.3560,42.27,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-optiplex-7050-mff.pdf,0.2171,0.5950,2.82,EU,,,,,,,01-11-2020,Initial Parsing,,
Dell,OptiPlex 7060 Tower,Workplace,Desktop,485,0.4900,117.72,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-optiplex-7060-tower.pdf,0.1732,0.4500,6.5,EU,,,,,,,01-11-2020,Initial Parsing,,
Dell,OptiPlex 7460 All-in-One Desktop,Workplace,Desktop,522,0.4200,103.6457,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-optiplex-7460.pdf,0.1552,0.5600,9.93,EU,23,,,,,,01-11-2020,Initial Parsing,,
Dell,OptiPlex 7760 All-in-One Desktop,Workplace,Desktop,720,0.3500,118.1044,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-optiplex-7760.pdf,0.1389,0.6200,13.23,CN,27,,,,,,01-11-2020,Initial Parsing,,
Dell,OptiPlex XE3 Tower,Workplace,Desktop,509,0.5080,121.18,4,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-optiplex-XE3-tower.pdf,0.1827,0.4360,6.5,EU,,,,,,,01-11-2020,Initial Parsing,,
Dell,P2219H Monitor,Workplace,Monitor,472,0.2260,33.9,6,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-p2219h-monitor.pdf,0.1970,0.6860,5.9726,CN,22,,,,,,01-11-2020,Initial Parsing,,
Dell,S2421H Monitor,Workplace,Monitor,476.0,0.249,37.79,6.0,EU,August 2021,https://www.delltechnologies.com/asset/en-us/products/electronics-and-accessories/technical-support/dell-s2421h-monitor-pcf-datasheet.pdf,0.2017,0.682,3.9,China,23.0 ,,,,,, 2022-04-07,Dell Auto Parser,0.065,0.004
Dell,S2721D Monitor,Workplace,Monitor,555.0,0.275,48.97,6.0,EU,August 2021,https://www.delltechnologies.com/asset/en-us/products/electronics-and-accessories/technical-support/dell-s2721d-monitor-pcf-datasheet.pdf,0.1946,0.647,5.4,China,27.0 ,,,,,, 2022-04-07,Dell Auto Parser,0.07400000000000001,0.004
Dell,S2721H Monitor,Workplace,Monitor,523.0,0.281,46.57,6.0,EU,August 2021,https://www.delltechnologies.com/asset/en-us/products/electronics-and-accessories/technical-support/dell-s2721h-monitor-pcf-datasheet.pdf,0.1912,0.639,5.0,China,27.0 ,,,,,, 2022-04-07,Dell Auto Parser,0.076,0.004
Dell,U2419H Monitor,Workplace,Monitor,545,0.2010,33.9,6,EU,December 2018,https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-u2419h-monitor.pdf,0.2183,0.7030,7.2156,CN,24,,,,,,01-11-2020,Initial Parsing,,
Dell,U2723QE Monitor,Workplace,Monitor,815.0,0.385,91.83,6.0,EU,September 2021,https://www.delltechnologies.com/asset/en-us/products/electronics-and-accessories/technical-support/dell-u2723qe-monitor-pcf-datasheet.pdf,0.2491,0.504,6.27,China,27.0 ,,,,,, 2022-04-07,Dell Auto Parser,0.105,0.006999999999999999
Dell,U3223QE Monitor,Workplace,Monitor,880.0,0.364,94.06,6.0,EU,September 2021,https://www.delltechnologies.com/asset/en-us/products/electronics-and-accessories/technical-support/dell-u3223qe-monitor-pcf-datasheet.pdf,0.2386,0.491,9.988,China,32.0 ,,,,,, 2022-04-07,Dell Auto Parser,0.136,0.009000000000000001
Lenovo,IdeaPad 3-14/Lenovo V14,Workplace,Laptop,210,0.1300,,5,US,February 2020,https://static.lenovo.com/ww/docs/regulatory/eco-declaration/pcf-ideapad-3-14_V14.pdf,0.2238,,1.6,CN,14,,,,,,01-11-2020,Initial Parsing,,
Lenovo,IdeaPad 3-15/Lenovo V15,Workplace,Laptop,223,0.1200,,5,US,February 2020,https://static.lenovo.com/ww/docs/regulatory/eco-declaration/pcf-ideapad-3-15.pdf,0.2377,,1.85,CN,15.6,,,,,,01-11-2020,Initial Parsing,,
Lenovo,ideapad 320-14,Workplace,Laptop,271,0.2300,,5,US,December 2017,https://www.lenovo.com/us/en/pdf/social_responsibility/PCF_ideapad_320-14.pdf,0.1882,,2.1,CN,14,,,,,,01-11-2020,Initial Parsing,,
Lenovo,ideapad 330-14,Workplace,Laptop,309,0.3000,,5,US,April 2018,https://www.lenovo.com/us/en/pdf/social_responsibility/PCF_ideapad_330-14.pdf,0.1715,,2.1,CN,14,,,,,,01-11-2020,Initial Parsing,,
Lenovo,ideapad 330S-14,Workplace,Laptop,255,0.1700,,5,EU,April 2018,https://www.lenovo.com/us/en/pdf/social_responsibility/PCF_ideapad_330S-14.pdf,0.2039,,1.6,CN,14,,,,,,01-11-2020,Initial Parsing,,
Lenovo,IdeaPad 5-15,Workplace,Laptop,232,0.1500,,5,US,February 2020,https://static.lenovo.com/ww/docs/regulatory/eco-declaration/pcf-ideapad-5-15.pdf,0.2457,,1.7,CN,15.6,,,,,,01-11-2020,Initial Parsing,,
Lenovo,IdeaPad S145-15,Workplace,Laptop,266,0.2600,,5,US,January 2019,https://static.lenovo.com/ww/docs/regulatory/PCF_ideapad_S145-15.pdf,0.2030,,1.85,CN,15.6,,,,,,01-11-2020,Initial Parsing,,
Lenovo,IdeaPad L3 15,Workplace,Laptop,275,0.2700,,5,US,January 2020,https://static.lenovo.com/ww/docs/regulatory/eco-declaration/pcf-ideapad-l3-15.pdf,0.2036,,2.1,CN,15.6,,,,,,01-11-2020,Initial Parsing,,
Lenovo,IdeaPad Flex 5 14,Workplace,Laptop,268,0.1600,,3,US,May 2020,https://static.lenovo.com/ww/docs/regulatory/eco-declaration/pcf-ideapad-flex-5-14.pdf,0.1978,,1.4,CN,14,,,,,,01-11-2020,Initial Parsing,,
Lenovo,IdeaPad C340-14/FLEX-14,Workplace,Laptop,217,0.2700,,5,US,January 2019,https://static.lenovo.com/ww/docs/regulatory/PCF_ideapad_C340-14_FLEX-14.pdf,0.2120,,1.6,CN,14,,,,,,01-11-2020,Initial Parsing,,
Apple,Mac Pro (3.5GHz 8-core CPU and Radeon Pro 580X GPU) with 32GB memory 256GB storage - 2019,Workplace,Workstation,2765,0.67,,5,WW,December 2019,https://www.apple.com/environment/pdf/products/desktops/Mac_Pro_PER_Dec2019.pdf,0.0000,0.26,,,,,SSD 256GB,,,,20-10-2021,Manual,,
`;

/*
 * nlp/gazetteer.c: the country, capital, nationality and international
 * organisation lists (see gazetteer.h).
 *
 * Rows are compact strings, expanded on the fly by gazetteer_each, so the
 * data stays readable and small: "Name|Capital|Adjective|alias;alias".
 * Empty fields are skipped. Organisations are "Name|ACRONYM;alias".
 */
#include "base/common.h"

#include "nlp/gazetteer.h"

static const char *const countries[] = {
	"Afghanistan|Kabul|Afghan|",
	"Albania|Tirana|Albanian|",
	"Algeria|Algiers|Algerian|",
	"Andorra|Andorra la Vella|Andorran|",
	"Angola|Luanda|Angolan|",
	"Antigua and Barbuda|Saint John's|Antiguan|",
	"Argentina|Buenos Aires|Argentine|Argentinian",
	"Armenia|Yerevan|Armenian|",
	"Australia|Canberra|Australian|",
	"Austria|Vienna|Austrian|",
	"Azerbaijan|Baku|Azerbaijani|",
	"Bahamas|Nassau|Bahamian|The Bahamas",
	"Bahrain|Manama|Bahraini|",
	"Bangladesh|Dhaka|Bangladeshi|",
	"Barbados|Bridgetown|Barbadian|",
	"Belarus|Minsk|Belarusian|",
	"Belgium|Brussels|Belgian|",
	"Belize|Belmopan|Belizean|",
	"Benin|Porto-Novo|Beninese|",
	"Bhutan|Thimphu|Bhutanese|",
	"Bolivia|Sucre|Bolivian|La Paz",
	"Bosnia and Herzegovina|Sarajevo|Bosnian|Bosnia",
	"Botswana|Gaborone|Botswanan|",
	"Brazil|Brasilia|Brazilian|Brasília",
	"Brunei|Bandar Seri Begawan|Bruneian|",
	"Bulgaria|Sofia|Bulgarian|",
	"Burkina Faso|Ouagadougou|Burkinabe|",
	"Burundi|Gitega|Burundian|",
	"Cambodia|Phnom Penh|Cambodian|",
	"Cameroon|Yaounde|Cameroonian|Yaoundé",
	"Canada|Ottawa|Canadian|",
	"Cape Verde|Praia|Cape Verdean|Cabo Verde",
	"Central African Republic|Bangui|Central African|CAR",
	"Chad|N'Djamena|Chadian|",
	"Chile|Santiago|Chilean|",
	"China|Beijing|Chinese|People's Republic of China;PRC",
	"Colombia|Bogota|Colombian|Bogotá",
	"Comoros|Moroni|Comorian|",
	"Congo|Brazzaville|Congolese|Republic of the Congo",
	"Democratic Republic of the Congo|Kinshasa||DRC;DR Congo",
	"Costa Rica|San Jose|Costa Rican|San José",
	"Ivory Coast|Yamoussoukro|Ivorian|Cote d'Ivoire;Côte d'Ivoire;Abidjan",
	"Croatia|Zagreb|Croatian|",
	"Cuba|Havana|Cuban|",
	"Cyprus|Nicosia|Cypriot|",
	"Czech Republic|Prague|Czech|Czechia",
	"Denmark|Copenhagen|Danish|",
	"Djibouti|Djibouti|Djiboutian|",
	"Dominica|Roseau|Dominican|",
	"Dominican Republic|Santo Domingo||",
	"East Timor|Dili|Timorese|Timor-Leste",
	"Ecuador|Quito|Ecuadorian|",
	"Egypt|Cairo|Egyptian|",
	"El Salvador|San Salvador|Salvadoran|",
	"Equatorial Guinea|Malabo|Equatoguinean|",
	"Eritrea|Asmara|Eritrean|",
	"Estonia|Tallinn|Estonian|",
	"Eswatini|Mbabane|Swazi|Swaziland",
	"Ethiopia|Addis Ababa|Ethiopian|",
	"Fiji|Suva|Fijian|",
	"Finland|Helsinki|Finnish|",
	"France|Paris|French|",
	"Gabon|Libreville|Gabonese|",
	"Gambia|Banjul|Gambian|The Gambia",
	"Georgia|Tbilisi|Georgian|",
	"Germany|Berlin|German|",
	"Ghana|Accra|Ghanaian|",
	"Greece|Athens|Greek|",
	"Grenada|St. George's|Grenadian|",
	"Guatemala|Guatemala City|Guatemalan|",
	"Guinea|Conakry|Guinean|",
	"Guinea-Bissau|Bissau|Bissau-Guinean|",
	"Guyana|Georgetown|Guyanese|",
	"Haiti|Port-au-Prince|Haitian|",
	"Honduras|Tegucigalpa|Honduran|",
	"Hungary|Budapest|Hungarian|",
	"Iceland|Reykjavik|Icelandic|Reykjavík",
	"India|New Delhi|Indian|",
	"Indonesia|Jakarta|Indonesian|",
	"Iran|Tehran|Iranian|",
	"Iraq|Baghdad|Iraqi|",
	"Ireland|Dublin|Irish|Republic of Ireland",
	"Israel|Jerusalem|Israeli|",
	"Italy|Rome|Italian|",
	"Jamaica|Kingston|Jamaican|",
	"Japan|Tokyo|Japanese|",
	"Jordan|Amman|Jordanian|",
	"Kazakhstan|Astana|Kazakh|",
	"Kenya|Nairobi|Kenyan|",
	"Kiribati|Tarawa|I-Kiribati|",
	"North Korea|Pyongyang|North Korean|DPRK",
	"South Korea|Seoul|South Korean|Republic of Korea",
	"Kosovo|Pristina|Kosovar|",
	"Kuwait|Kuwait City|Kuwaiti|",
	"Kyrgyzstan|Bishkek|Kyrgyz|",
	"Laos|Vientiane|Lao|Laotian",
	"Latvia|Riga|Latvian|",
	"Lebanon|Beirut|Lebanese|",
	"Lesotho|Maseru|Basotho|",
	"Liberia|Monrovia|Liberian|",
	"Libya|Tripoli|Libyan|",
	"Liechtenstein|Vaduz|Liechtensteiner|",
	"Lithuania|Vilnius|Lithuanian|",
	"Luxembourg|Luxembourg|Luxembourgish|",
	"Madagascar|Antananarivo|Malagasy|",
	"Malawi|Lilongwe|Malawian|",
	"Malaysia|Kuala Lumpur|Malaysian|",
	"Maldives|Male|Maldivian|",
	"Mali|Bamako|Malian|",
	"Malta|Valletta|Maltese|",
	"Marshall Islands|Majuro|Marshallese|",
	"Mauritania|Nouakchott|Mauritanian|",
	"Mauritius|Port Louis|Mauritian|",
	"Mexico|Mexico City|Mexican|",
	"Micronesia|Palikir|Micronesian|",
	"Moldova|Chisinau|Moldovan|",
	"Monaco|Monaco|Monegasque|",
	"Mongolia|Ulaanbaatar|Mongolian|",
	"Montenegro|Podgorica|Montenegrin|",
	"Morocco|Rabat|Moroccan|",
	"Mozambique|Maputo|Mozambican|",
	"Myanmar|Naypyidaw|Burmese|Burma",
	"Namibia|Windhoek|Namibian|",
	"Nauru|Yaren|Nauruan|",
	"Nepal|Kathmandu|Nepali|Nepalese",
	"Netherlands|Amsterdam|Dutch|The Netherlands;Holland;The Hague",
	"New Zealand|Wellington|New Zealander|",
	"Nicaragua|Managua|Nicaraguan|",
	"Niger|Niamey|Nigerien|",
	"Nigeria|Abuja|Nigerian|",
	"North Macedonia|Skopje|Macedonian|Macedonia",
	"Norway|Oslo|Norwegian|",
	"Oman|Muscat|Omani|",
	"Pakistan|Islamabad|Pakistani|",
	"Palau|Ngerulmud|Palauan|",
	"Palestine|Ramallah|Palestinian|Palestinian Territories;West Bank;Gaza",
	"Panama|Panama City|Panamanian|",
	"Papua New Guinea|Port Moresby|Papua New Guinean|",
	"Paraguay|Asuncion|Paraguayan|Asunción",
	"Peru|Lima|Peruvian|",
	"Philippines|Manila|Filipino|The Philippines;Philippine",
	"Poland|Warsaw|Polish|",
	"Portugal|Lisbon|Portuguese|",
	"Qatar|Doha|Qatari|",
	"Romania|Bucharest|Romanian|",
	"Russia|Moscow|Russian|Russian Federation",
	"Rwanda|Kigali|Rwandan|",
	"Saint Kitts and Nevis|Basseterre|Kittitian|",
	"Saint Lucia|Castries|Saint Lucian|",
	"Saint Vincent and the Grenadines|Kingstown|Vincentian|",
	"Samoa|Apia|Samoan|",
	"San Marino|San Marino|Sammarinese|",
	"Sao Tome and Principe|Sao Tome|Santomean|São Tomé and Príncipe",
	"Saudi Arabia|Riyadh|Saudi|",
	"Senegal|Dakar|Senegalese|",
	"Serbia|Belgrade|Serbian|",
	"Seychelles|Victoria|Seychellois|",
	"Sierra Leone|Freetown|Sierra Leonean|",
	"Singapore|Singapore|Singaporean|",
	"Slovakia|Bratislava|Slovak|",
	"Slovenia|Ljubljana|Slovenian|Slovene",
	"Solomon Islands|Honiara|Solomon Islander|",
	"Somalia|Mogadishu|Somali|",
	"South Africa|Pretoria|South African|Cape Town;Johannesburg",
	"South Sudan|Juba|South Sudanese|",
	"Spain|Madrid|Spanish|",
	"Sri Lanka|Colombo|Sri Lankan|",
	"Sudan|Khartoum|Sudanese|",
	"Suriname|Paramaribo|Surinamese|",
	"Sweden|Stockholm|Swedish|",
	"Switzerland|Bern|Swiss|Berne",
	"Syria|Damascus|Syrian|",
	"Taiwan|Taipei|Taiwanese|",
	"Tajikistan|Dushanbe|Tajik|",
	"Tanzania|Dodoma|Tanzanian|Dar es Salaam",
	"Thailand|Bangkok|Thai|",
	"Togo|Lome|Togolese|Lomé",
	"Tonga|Nuku'alofa|Tongan|",
	"Trinidad and Tobago|Port of Spain|Trinidadian|",
	"Tunisia|Tunis|Tunisian|",
	"Turkey|Ankara|Turkish|Turkiye;Türkiye",
	"Turkmenistan|Ashgabat|Turkmen|",
	"Tuvalu|Funafuti|Tuvaluan|",
	"Uganda|Kampala|Ugandan|",
	"Ukraine|Kyiv|Ukrainian|Kiev",
	"United Arab Emirates|Abu Dhabi|Emirati|UAE;Dubai",
	"United Kingdom|London|British|UK;U.K.;Britain;Great Britain",
	"United States|Washington|American|US;U.S.;USA;U.S.A.;America;United States of America",
	"Uruguay|Montevideo|Uruguayan|",
	"Uzbekistan|Tashkent|Uzbek|",
	"Vanuatu|Port Vila|Ni-Vanuatu|",
	"Vatican City|Vatican City||Holy See;Vatican",
	"Venezuela|Caracas|Venezuelan|",
	"Vietnam|Hanoi|Vietnamese|Viet Nam",
	"Yemen|Sanaa|Yemeni|Sana'a",
	"Zambia|Lusaka|Zambian|",
	"Zimbabwe|Harare|Zimbabwean|",
	/* Constituent countries that news treats as countries. */
	"England|London|English|",
	"Scotland|Edinburgh|Scottish|",
	"Wales|Cardiff|Welsh|",
	"Northern Ireland|Belfast||",
	"Greenland|Nuuk|Greenlandic|",
	"Hong Kong|||",
	"Puerto Rico|San Juan|Puerto Rican|",
};

static const char *const orgs[] = {
	"United Nations|UN;U.N.",
	"United Nations Security Council|UNSC;Security Council",
	"United Nations General Assembly|General Assembly",
	"NATO|NATO;North Atlantic Treaty Organization;Nato",
	"European Union|EU;E.U.",
	"European Commission|",
	"European Parliament|",
	"European Central Bank|ECB",
	"World Health Organization|WHO;World Health Organisation",
	"International Monetary Fund|IMF",
	"World Bank|",
	"World Trade Organization|WTO;World Trade Organisation",
	"OPEC|OPEC;Organization of the Petroleum Exporting Countries",
	"African Union|AU",
	"ASEAN|ASEAN;Association of Southeast Asian Nations",
	"Arab League|League of Arab States",
	"Organization of American States|OAS",
	"Organisation for Economic Co-operation and Development|OECD",
	"Organization for Security and Co-operation in Europe|OSCE",
	"Group of Seven|G7",
	"Group of Twenty|G20",
	"BRICS|BRICS",
	"UNICEF|UNICEF",
	"UNESCO|UNESCO",
	"UNHCR|UNHCR;UN Refugee Agency",
	"World Food Programme|WFP",
	"International Criminal Court|ICC",
	"International Court of Justice|ICJ",
	"International Atomic Energy Agency|IAEA",
	"International Labour Organization|ILO;International Labour Organisation",
	"International Energy Agency|IEA",
	"International Olympic Committee|IOC",
	"FIFA|FIFA",
	"UEFA|UEFA",
	"Interpol|INTERPOL",
	"Red Cross|International Committee of the Red Cross;ICRC",
	"Amnesty International|",
	"Human Rights Watch|",
	"Doctors Without Borders|MSF;Medecins Sans Frontieres",
	"Greenpeace|",
	"Council of Europe|",
	"European Court of Human Rights|ECHR",
	"Commonwealth|Commonwealth of Nations",
	"Gulf Cooperation Council|GCC",
	"Mercosur|",
	"Intergovernmental Panel on Climate Change|IPCC",
	"World Economic Forum|WEF",
	"Bank for International Settlements|BIS",
	"Federal Reserve|Fed",
	"Bank of England|",
	"International Maritime Organization|IMO",
	"World Meteorological Organization|WMO",
	"Frontex|",
	"Europol|",
};

/* An alias that is all capitals (with optional dots) is an acronym. */
static bool
is_acronym(const char *s, size_t n)
{
	size_t letters = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			letters++;
		else if (s[i] != '.' && !(s[i] >= '0' && s[i] <= '9'))
			return false;
	}
	return letters >= 2 && letters <= 8;
}

struct field {
	const char *p;
	size_t n;
};

/* Copy field f into a NUL-terminated buffer. */
static const char *
field_str(struct field f, char *out, size_t cap)
{
	size_t n = f.n < cap - 1 ? f.n : cap - 1;

	memcpy(out, f.p, n);
	out[n] = '\0';
	return out;
}

static int
emit(int (*fn)(void *, const struct gazetteer_entry *), void *arg,
    struct field name, const char *canonical, enum gazetteer_kind kind)
{
	char nb[128];
	struct gazetteer_entry e;

	if (name.n == 0)
		return 0;
	e.name = field_str(name, nb, sizeof(nb));
	e.canonical = canonical;
	e.kind = kind;
	e.caps_only = is_acronym(name.p, name.n);
	return fn(arg, &e);
}

/* Split row at '|' into up to max fields. */
static size_t
split_row(const char *row, struct field *f, size_t max)
{
	size_t k = 0;
	const char *p = row;

	while (k < max) {
		const char *q = strchr(p, '|');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		f[k].p = p;
		f[k].n = n;
		k++;
		if (!q)
			break;
		p = q + 1;
	}
	return k;
}

static int
emit_list(int (*fn)(void *, const struct gazetteer_entry *), void *arg,
    struct field list, const char *canonical, enum gazetteer_kind kind)
{
	size_t i = 0;
	int rc;

	while (i < list.n) {
		size_t j = i;
		while (j < list.n && list.p[j] != ';')
			j++;
		struct field f = { list.p + i, j - i };
		if ((rc = emit(fn, arg, f, canonical, kind)) != 0)
			return rc;
		i = j + 1;
	}
	return 0;
}

int
gazetteer_each(int (*fn)(void *arg, const struct gazetteer_entry *e),
    void *arg)
{
	struct field f[4];
	char canon[128], capital[128];
	int rc;

	for (size_t i = 0; i < ARRAY_LEN(countries); i++) {
		size_t k = split_row(countries[i], f, 4);
		field_str(f[0], canon, sizeof(canon));
		if ((rc = emit(fn, arg, f[0], canon, GAZ_COUNTRY)) != 0)
			return rc;
		if (k > 1 && f[1].n) {
			field_str(f[1], capital, sizeof(capital));
			/* A capital named like its country is the country. */
			if (strcmp(capital, canon) != 0 &&
			    (rc = emit(fn, arg, f[1], capital, GAZ_CAPITAL)) != 0)
				return rc;
		}
		if (k > 2 && (rc = emit(fn, arg, f[2], canon,
		    GAZ_ADJECTIVE)) != 0)
			return rc;
		if (k > 3 && (rc = emit_list(fn, arg, f[3], canon,
		    GAZ_COUNTRY)) != 0)
			return rc;
	}
	for (size_t i = 0; i < ARRAY_LEN(orgs); i++) {
		size_t k = split_row(orgs[i], f, 2);
		field_str(f[0], canon, sizeof(canon));
		if ((rc = emit(fn, arg, f[0], canon, GAZ_ORG)) != 0)
			return rc;
		if (k > 1 && (rc = emit_list(fn, arg, f[1], canon,
		    GAZ_ORG)) != 0)
			return rc;
	}
	return 0;
}

static int
count_one(void *arg, const struct gazetteer_entry *e)
{
	UNUSED(e);
	(*(size_t *)arg)++;
	return 0;
}

size_t
gazetteer_size(void)
{
	size_t n = 0;

	gazetteer_each(count_one, &n);
	return n;
}

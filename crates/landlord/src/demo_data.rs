//! Word lists for realistic demo customers.

pub const COMPANY_STEMS: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Wonka",
    "Soylent",
    "Hooli",
    "Vandelay",
    "Cyberdyne",
    "Tyrell",
    "Aperture",
    "Massive",
    "Oscorp",
    "Pied Piper",
    "Prestige",
    "Sterling",
    "Dunder",
    "Bluth",
    "Monarch",
    "Gringotts",
    "Nakatomi",
    "Rekall",
    "Weyland",
    "Virtucon",
    "Zorg",
    "Ollivander",
    "Krusty",
    "Duff",
    "Tessier",
    "Blue Sun",
    "Ingen",
    "Vehement",
    "Kwik",
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin",
    "Litware",
    "Adatum",
    "Proseware",
    "Lucerne",
    "Woodgrove",
    "Alpine",
    "Fourth Coffee",
    "Wingtip",
    "Trey",
    "Humongous",
    "Coho",
    "Margie",
    "Relecloud",
    "Bellows",
    "Lamna",
    "Nod",
    "Olympus",
];
pub const COMPANY_QUALIFIERS: &[&str] = &[
    "",
    "",
    "Digital",
    "Analytics",
    "Logistics",
    "Health",
    "Energy",
    "Robotics",
    "Foods",
    "Media",
    "Bio",
    "Cloud",
    "Mobility",
];
pub const COMPANY_SUFFIXES: &[&str] = &[
    "Inc", "Ltd", "GmbH", "AG", "SARL", "BV", "AB", "Oy", "Group", "Labs", "Systems", "Co",
];
pub const FIRST_NAMES: &[&str] = &[
    "Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger",
    "Hedy", "Tim", "Radia", "Guido", "Sophie", "Lukas", "Emma", "Noah", "Mia", "Elias", "Léa",
    "Hugo", "Chloé", "Jonas", "Ingrid", "Søren", "Aiko", "Kenji", "Zoë", "Mateo", "Lucía",
    "Olivia", "Liam", "Amara", "Ravi", "Priya", "Chen", "Mei", "Omar", "Fatima", "Björn", "Astrid",
    "Nils",
];
pub const LAST_NAMES: &[&str] = &[
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Ritchie",
    "Liskov",
    "Thompson",
    "Allen",
    "Dijkstra",
    "Lamarr",
    "Berners-Lee",
    "Perlman",
    "van Rossum",
    "Müller",
    "Schmidt",
    "Dubois",
    "Martin",
    "Rossi",
    "García",
    "Jensen",
    "Nielsen",
    "Tanaka",
    "Sato",
    "Smith",
    "Johnson",
    "O'Brien",
    "Kowalski",
    "Novak",
    "Andersson",
    "Virtanen",
    "Silva",
    "Costa",
    "Okafor",
];
/// Country, currency, city, street.
pub const PLACES: &[(&str, &str, &str, &str)] = &[
    ("DE", "EUR", "Berlin", "Friedrichstraße"),
    ("DE", "EUR", "München", "Leopoldstraße"),
    ("FR", "EUR", "Paris", "Rue de Rivoli"),
    ("NL", "EUR", "Amsterdam", "Keizersgracht"),
    ("ES", "EUR", "Madrid", "Calle de Alcalá"),
    ("IT", "EUR", "Milano", "Via Torino"),
    ("GB", "GBP", "London", "Baker Street"),
    ("US", "USD", "New York", "Broadway"),
    ("US", "USD", "San Francisco", "Market Street"),
    ("CA", "CAD", "Toronto", "Queen Street"),
    ("CH", "CHF", "Zürich", "Bahnhofstrasse"),
    ("SE", "SEK", "Stockholm", "Drottninggatan"),
    ("NO", "NOK", "Oslo", "Karl Johans gate"),
    ("DK", "DKK", "København", "Strøget"),
    ("AU", "AUD", "Sydney", "George Street"),
    ("JP", "JPY", "Tokyo", "Ginza"),
];
pub const CARDS: &[&str] = &[
    "Visa",
    "Mastercard",
    "American Express",
    "SEPA Direct Debit",
    "Bank transfer",
];
pub const TICKET_SUBJECTS: &[&str] = &[
    "Cannot sign in after password reset",
    "Invoice shows the wrong VAT number",
    "Please add a second administrator",
    "API rate limit reached during import",
    "Export to CSV times out",
    "Request to change billing address",
    "Webhook deliveries failing",
    "How do I enable SSO?",
    "Data retention question",
    "Upgrade to the yearly plan",
];

/// A DNS label from a name: lowercase ASCII letters and digits joined by single hyphens.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'ü' | 'ú' => 'u',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ï' => 'i',
            'ß' => 's',
            'ç' => 'c',
            other => other,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-')
        .chars()
        .take(40)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_dns_labels() {
        assert_eq!(slug("Müller & Söhne GmbH"), "muller-sohne-gmbh");
        assert_eq!(slug("Pied Piper Inc"), "pied-piper-inc");
        assert_eq!(slug("Zoë O'Brien"), "zoe-o-brien");
    }
}

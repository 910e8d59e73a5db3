use serde::{Deserialize, Serialize};

string_enum!(/// Whether a customer is a business account or a personal one.
    #[derive(Default)]
    TenantType {
        #[default]
        Company => "company",
        Individual => "individual",
    }
);

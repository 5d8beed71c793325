#include "cli/demo_data.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

const struct demo_locality demo_localities[DEMO_LOCALITIES] = {
    {"NORTH", "North locality", "GPN",
     {"Loughborough", "Shepshed", "Coalville", "Ashby", "Melton", "Oakham", "Quorn", "Barrow", "Sileby",
      "Syston", "Castle Donington", "Kegworth", "Ibstock", "Measham", "Whitwick", "Mountsorrel", "Rothley",
      "Uppingham", "Bottesford", NULL},   /* the 20th is Riverside Surgery (RSG) */
     {"LE11", "LE12", "LE65", "LE67", "LE13", "LE15"},
     {"Loughborough", "Loughborough", "Ashby-de-la-Zouch", "Coalville", "Melton Mowbray", "Oakham"},
     380, "ILT-NORTH", "INT-NORTH"},
    {"SOUTH", "South locality", "GPS",
     {"Hinckley", "Lutterworth", "Market Harborough", "Wigston", "Oadby", "Blaby", "Enderby", "Narborough",
      "Countesthorpe", "Earl Shilton", "Burbage", "Broughton Astley", "Fleckney", "Kibworth", "Desford",
      "Groby", "Glenfield", "Ratby", "Markfield", "Barwell"},
     {"LE8", "LE9", "LE10", "LE16", "LE17", "LE18"},
     {"Leicester", "Leicester", "Hinckley", "Market Harborough", "Lutterworth", "Wigston"},
     320, "ILT-SOUTH", "INT-SOUTH"},
    {"CITY", "City locality", "GPC",
     {"Belgrave", "Evington", "Aylestone", "Humberstone", "Braunstone", "Highfields", "Beaumont Leys",
      "Westcotes", "Clarendon Park", "Spinney Hill", "Rushey Mead", "Stoneygate", "Knighton", "Eyres Monsell",
      "Saffron", "New Parks", "Abbey", "Castle", "Hamilton", "Thurnby Lodge"},
     {"LE1", "LE2", "LE3", "LE4", "LE5", "LE7"},
     {"Leicester", "Leicester", "Leicester", "Leicester", "Leicester", "Leicester"},
     300, "ILT-CITY", "INT-CITY"},
};

const char *const demo_practice_kinds[4] = {"Surgery", "Medical Centre", "Health Centre", "Medical Practice"};

const char *const demo_family_names[] = {
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
    "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
    "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
    "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
    "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly",
    "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox",
    "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Ali",
    "Mistry", "Chauhan", "Parmar", "Solanki", "Kaur", "Hussain", "Ahmed", "Nowak", "Kowalski", "Mohamed",
    "Osman", "Gill", "Sharma", "Lad", "Chavda", "Mann", "Dhillon", "Kumar", "Shah", "Grant", "Stevens",
    "Palmer", "Mason", "Holmes", "Lloyd", "Barker", "Butler", "Fletcher", "Kaye", "Dixon", "Pearce",
    "Knight", "Hunt", "Wells", "Webb", "Rose", "Hayes", "Burton", "Sutton", "Foster", "Reid", "Spencer",
    "Gibson", "Mills", "Chapman", "Hudson", "O'Brien", "Mc Donald", "Smith-Jones",
};
const size_t demo_family_names_n = N(demo_family_names);

const char *const demo_female_names[] = {
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Sophia", "Lily", "Freya", "Emily", "Margaret",
    "Patricia", "Susan", "Linda", "Elizabeth", "Mary", "Jean", "Joan", "Doris", "Dorothy", "Sarah", "Helen",
    "Claire", "Emma", "Rachel", "Laura", "Hannah", "Jessica", "Priya", "Aisha", "Fatima", "Amira", "Zara",
    "Anjali", "Manjit", "Kiran", "Gurpreet", "Agnieszka", "Katarzyna", "Hodan", "Sandra", "Karen", "Julie",
    "Jennifer", "Barbara", "Irene", "Shirley", "Pauline", "Brenda", "Sheila", "Zoë", "Siân",
};
const size_t demo_female_names_n = N(demo_female_names);

const char *const demo_male_names[] = {
    "Oliver", "George", "Noah", "Arthur", "Leo", "Harry", "Oscar", "Jack", "Charlie", "Thomas", "John",
    "David", "Michael", "Peter", "Robert", "William", "James", "Richard", "Paul", "Stephen", "Mark", "Andrew",
    "Christopher", "Daniel", "Matthew", "Kevin", "Gary", "Ian", "Brian", "Kenneth", "Ronald", "Derek",
    "Raymond", "Alan", "Mohammed", "Ahmed", "Rajesh", "Sanjay", "Harjit", "Jaswinder", "Amit", "Vijay",
    "Piotr", "Tomasz", "Abdi", "Yusuf", "Omar", "Ali", "Ravi", "Hamza", "Rhys", "Seán",
};
const size_t demo_male_names_n = N(demo_male_names);

const char *const demo_streets[] = {
    "Church", "Station", "Main", "Park", "High", "Mill", "London", "Victoria", "Queens", "Kings", "Manor",
    "Forest", "Ashby", "Melton", "Loughborough", "Narborough", "Hinckley", "Uppingham", "Granby", "Belgrave",
    "Evington", "Aylestone", "Humberstone", "Braunstone", "Wigston", "Syston", "Anstey", "Birstall",
    "Willow", "Oak", "Beech", "Chestnut", "Meadow", "Orchard", "Brook", "Spinney", "Windmill", "School",
};
const size_t demo_streets_n = N(demo_streets);

const char *const demo_street_kinds[] = {"Road", "Street", "Lane", "Close", "Avenue", "Drive", "Way", "Gardens"};
const size_t demo_street_kinds_n = N(demo_street_kinds);

const int demo_age_permille[DEMO_AGE_BANDS] = {
    54, 59, 59, 56, 60, 67, 69, 66, 63, 63, 69, 68, 59, 50, 50, 37, 25, 15, 9,
};

const struct demo_provider demo_providers[] = {
    {"HCS", "Charnwood Home Support Ltd"},
    {"SVC", "Soar Valley Care at Home"},
    {"CCH", "City Care at Home CIC"},
    {"BLC", "Beaumont Lodge Care Home"},
    {"OTN", "Oak Tree Nursing Home"},
    {"WCC", "Willow Court Care Home"},
    {"TLR", "The Limes Residential Home"},
    {"RHN", "Rutland House Nursing Home"},
    {"BCH", "Brookside Care Home"},
};
const size_t demo_providers_n = N(demo_providers);

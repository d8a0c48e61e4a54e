// Word pools for the generated MSP dataset: customer names, people, ticket subjects, projects,
// asset types. Kept apart from the generator logic so the logic stays readable.
#pragma once
#include <string>
#include <vector>

namespace sim::words {

inline const std::vector<std::string> kClientNames = {
    "Acme Dental",           "Brightwater Legal",       "Northfield Accountants",  "Harbour View Veterinary",
    "Oakridge Primary School", "Pinnacle Logistics",    "Riverside Physio",        "Summit Architects",
    "Kestrel Engineering",   "Bluebell Nurseries",      "Crown & Anchor Pub Group", "Meridian Insurance Brokers",
    "Thistle Property Management", "Greenway Surveyors", "Lighthouse Charity Trust", "Foxglove Florists",
    "Granite Construction",  "Silverline Opticians",    "Hawthorn Care Homes",     "Beacon Recruitment",
    "Willow Dental Group",   "Orbit Marketing",         "Copperfield Estate Agents", "Sterling Wealth Partners",
    "Atlas Freight",         "Juniper Hotels",          "Elm Street Medical Practice", "Nimbus Software",
    "Redwood Joinery",       "Castle Gate Solicitors",  "Harper & Co Chartered Surveyors", "Blue Fin Seafoods",
};
inline const std::vector<std::string> kNamePrefixes = {
    "Apex", "Birch", "Cobalt", "Derwent", "Eden", "Falcon", "Garnet", "Heron", "Iris", "Jasper",
    "Kingfisher", "Larch", "Maple", "Northgate", "Opal", "Pebble", "Quayside", "Rowan", "Saffron",
    "Tamar", "Upland", "Vale", "Wren", "Yew", "Zephyr", "Ashford", "Brook", "Cedar", "Dune", "Ember"};
inline const std::vector<std::string> kNameTrades = {
    "Dental",      "Legal",      "Accountants", "Veterinary", "Physio",     "Architects",   "Engineering",
    "Logistics",   "Surveyors",  "Opticians",   "Care Homes", "Recruitment", "Marketing",   "Estate Agents",
    "Hotels",      "Joinery",    "Solicitors",  "Pharmacy",   "Motors",     "Print & Design", "Insurance",
    "Builders",    "Catering",   "Consulting",  "Academy",    "Clinic",     "Interiors",    "Plumbing",
    "Electrical",  "Storage"};
inline const std::vector<std::string> kSiteKinds = {"Head Office", "Warehouse", "Branch", "Clinic",
                                                    "Studio",      "Depot",     "Shop"};
inline const std::vector<std::string> kTowns = {
    "Leeds", "Bristol", "Manchester", "York", "Norwich", "Exeter", "Reading", "Cardiff",
    "Nottingham", "Brighton", "Bath", "Chester", "Durham", "Oxford", "Cambridge", "Glasgow"};
inline const std::vector<std::string> kUsTowns = {"Boston", "Austin", "Denver", "Portland", "Raleigh"};
inline const std::vector<std::string> kStreets = {
    "High Street", "Station Road", "Church Lane", "Mill Road", "Victoria Street", "Park Avenue",
    "Queen Street", "Market Place", "Bridge Street", "King's Road"};
inline const std::vector<std::string> kFirstNames = {
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Sophie", "Emily", "Ella", "Lily", "Oliver",
    "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Oscar", "Charlie", "James", "Priya", "Mohammed",
    "Aisha", "Tomasz", "Chen", "Fatima", "Daniel", "Hannah", "Rhys", "Niamh"};
inline const std::vector<std::string> kSurnames = {
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
    "Clarke", "Khan", "Lewis", "Hughes", "Kowalski", "O'Brien", "Murphy", "Singh", "Ahmed", "Fraser"};
inline const std::vector<std::string> kTicketSubjects = {
    "Outlook keeps asking for password",     "Printer on first floor offline",
    "New starter: set up laptop",            "VPN disconnects every few minutes",
    "Server disk space warning",             "Suspected phishing email reported",
    "Wi-Fi slow in meeting room",            "Backup job failed overnight",
    "Request: install Adobe Acrobat",        "Teams calls dropping",
    "Leaver: disable account and mailbox",   "Cannot access shared drive",
    "Laptop will not boot after update",     "MFA prompt not arriving",
    "Scanner not sending to email",          "Password reset",
    "Request new mobile phone",              "Website contact form not delivering",
    "Firewall alert: repeated login attempts", "Calendar not syncing on iPhone",
    "Slow PC in reception",                  "Request: add user to finance group",
    "Card machine lost network connection",  "Domain renewal reminder",
    "Monitor flickering",                    "Excel crashes when opening large file",
    "Licence count exceeded for Microsoft 365", "UPS battery replacement needed",
    "Request access to practice management system", "Email bounce: mailbox full"};
inline const std::vector<std::string> kProjectNames = {
    "Microsoft 365 migration", "Office move to new premises", "Firewall replacement",
    "Server refresh",          "Windows 11 rollout",          "Network upgrade",
    "Backup overhaul",         "Intune onboarding",           "Phone system replacement (VoIP)",
    "Cyber Essentials certification", "SharePoint intranet build", "Wi-Fi survey and upgrade"};
inline const std::vector<std::string> kActionNotes = {
    "Called the user and talked them through the steps.",
    "Remoted on and checked the event logs; nothing obvious.",
    "Applied the latest updates and rebooted.",
    "Replaced the cable and confirmed the device is back online.",
    "Reset the credentials and confirmed sign-in works.",
    "Escalated to the vendor; awaiting their reply.",
    "Cleared the print queue and reinstalled the driver.",
    "Checked the backup logs; re-ran the job successfully.",
    "Confirmed with the user that everything is working now.",
    "Ordered the replacement part; ETA two working days."};
inline const std::vector<std::string> kTeams = {"Service Desk", "Projects", "Field Engineering"};
inline const std::vector<std::string> kJobTitles = {"Service Desk Analyst", "Senior Engineer",
                                                    "Project Engineer", "Field Engineer",
                                                    "Service Delivery Manager", "Technical Director"};
struct AssetType {
  int id;
  const char* name;
  const char* code;
};
inline const std::vector<AssetType> kAssetTypes = {
    {1, "Workstation", "WS"}, {2, "Laptop", "LT"},   {3, "Server", "SRV"},
    {4, "Printer", "PRN"},    {5, "Firewall", "FW"}, {6, "Switch", "SW"},
    {7, "Wireless Access Point", "AP"}, {8, "Mobile Phone", "MOB"}};
inline const std::vector<std::string> kModels = {"Dell OptiPlex 7010", "Lenovo ThinkPad T14",
                                                 "HP EliteBook 840", "Dell PowerEdge R350",
                                                 "Brother MFC-L8900", "FortiGate 60F", "Aruba 2930F",
                                                 "Ubiquiti U6 Pro", "iPhone 15"};

}  // namespace sim::words

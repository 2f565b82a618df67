"""Demo data: people's names, grouped by origin so a Munich customer is usually called
Müller, not Nguyễn; and the words company names are made of."""

from __future__ import annotations

FIRST: dict[str, tuple[str, ...]] = {
    "anglo": (
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
        "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
        "Sarah", "Christopher", "Karen", "Daniel", "Emily", "Matthew", "Ashley", "Anthony",
        "Amanda", "Mark", "Megan", "Steven", "Rachel", "Andrew", "Lauren", "Joshua", "Hannah",
        "Ryan", "Chloe", "Tyler", "Olivia", "Ethan", "Zoë", "Renée", "Harper", "Logan",
        "Madison", "Brandon", "Grace", "Wyatt", "Avery", "Dakota", "Brooke", "Chase", "Kayla",
        "Noah", "Ava", "Jack", "Ella", "Oliver", "Amelia", "Harry", "Isla", "Mason", "Abigail",
    ),
    "irish": (
        "Sean", "Siobhán", "Niamh", "Ciarán", "Aoife", "Patrick", "Bridget", "Liam", "Róisín",
        "Declan", "Eoin", "Caoimhe", "Fionn", "Saoirse", "Conor", "Maeve", "Seamus", "Orla",
    ),
    "hispanic": (
        "José", "María", "Juan", "Guadalupe", "Luis", "Ana", "Carlos", "Sofía", "Jorge",
        "Lucía", "Miguel", "Valentina", "Alejandro", "Camila", "Javier", "Ximena", "Fernando",
        "Inés", "Andrés", "Mónica", "Ángel", "Rocío", "Raúl", "Beatriz", "Diego", "Paola",
        "Héctor", "Marisol", "Tomás", "Itzel", "Rafael", "Gabriela", "Emiliano", "Daniela",
    ),
    "german": (
        "Jürgen", "Lukas", "Anna", "Leon", "Lena", "Maximilian", "Sophie", "Felix", "Marie",
        "Jonas", "Hannah", "Paul", "Katharina", "Matthias", "Sabine", "Stefan", "Ursula",
        "Jörg", "Dörte", "Günther", "Uwe", "Ilse", "Moritz", "Greta", "Tobias", "Frauke",
    ),
    "french": (
        "François", "Chloé", "Élodie", "Jean-Luc", "Léa", "Hélène", "Mathieu", "Noémie",
        "Théo", "Amélie", "Céline", "Étienne", "Benoît", "Aurélie", "Gaël", "Maëlle", "Louis",
        "Camille", "Julien", "Manon", "Océane", "Thibault", "Zoé", "Anaïs", "Jérôme", "Clément",
    ),
    "nordic": (
        "Søren", "Björn", "Astrid", "Freja", "Lars", "Ingrid", "Magnus", "Sigrid", "Håkon",
        "Linnéa", "Nils", "Maja", "Erik", "Elin", "Mikkel", "Åsa", "Ole", "Kirsten",
    ),
    "polish": (
        "Łukasz", "Agnieszka", "Piotr", "Małgorzata", "Krzysztof", "Katarzyna", "Paweł",
        "Zofia", "Tomasz", "Joanna", "Wojciech", "Ewa", "Michał", "Magdalena", "Grzegorz",
    ),
    "vietnamese": (
        "Anh", "Minh", "Linh", "Thảo", "Huy", "Trang", "Tuấn", "Lan", "Quang", "Ngọc", "Bảo",
        "Phương", "Khoa", "Hương", "Duy", "Vy",
    ),
    "italian": (
        "Giuseppe", "Francesca", "Marco", "Giulia", "Luca", "Chiara", "Alessandro", "Sofia",
        "Matteo", "Martina", "Lorenzo", "Giorgia", "Nicolò", "Elena", "Salvatore", "Rosa",
    ),
    "chinese": (
        "Wei", "Jing", "Li", "Mei", "Hao", "Xiaoling", "Jun", "Yan", "Ming", "Hui", "Jason",
        "Vivian", "Kevin", "Grace", "Eric", "Amy", "Tony", "Cindy",
    ),
    "korean": (
        "Ji-woo", "Min-jun", "Seo-yeon", "Hyun", "Soo-ah", "Jae-won", "Eun-ji", "Dong-hyun",
        "Ha-eun", "Sung-min", "Daniel", "Esther",
    ),
    "indian": (
        "Priya", "Arjun", "Ananya", "Rohan", "Aditi", "Vikram", "Sneha", "Rahul", "Kavya",
        "Aarav", "Deepika", "Sanjay", "Meera", "Nikhil", "Pooja", "Ravi", "Lakshmi", "Anjali",
    ),
    "greek": (
        "Giorgos", "Eleni", "Dimitris", "Maria", "Nikos", "Katerina", "Yannis", "Kostas",
        "Anastasia", "Christos", "Despina",
    ),
    "arabic": (
        "Mohammed", "Fatima", "Ahmed", "Layla", "Omar", "Nour", "Youssef", "Amira", "Karim",
        "Samira", "Hassan", "Yasmine", "Khalid", "Rania", "Tariq", "Leïla",
    ),
    "turkish": (
        "Mehmet", "Ayşe", "Mustafa", "Fatma", "Emre", "Zeynep", "Can", "Elif", "Burak", "Selin",
        "Deniz", "Gökhan", "Özlem", "Cem",
    ),
}

LAST: dict[str, tuple[str, ...]] = {
    "anglo": (
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
        "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White",
        "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
        "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts",
        "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart",
        "Morris", "Reed", "Cook", "Bell", "Cooper", "Bailey", "Hughes", "Price", "Bennett",
        "Wood", "Barnes", "Fisher", "Henderson", "Coleman", "Simmons", "Patterson", "Jordan",
        "Reynolds", "Hamilton", "Graham", "Wallace", "Cole", "West", "Hayes", "Myers", "Ford",
        "Ellis", "Harrison", "Gibson", "McDonald", "Marshall", "Owens", "Smith-Jones", "Hart",
        "Lawson", "Fletcher", "Whitaker", "McAllister", "Ashworth", "Pemberton", "Holloway",
    ),
    "irish": (
        "O'Brien", "O'Connor", "Murphy", "Kelly", "Byrne", "Ryan", "O'Sullivan", "Walsh",
        "McCarthy", "Gallagher", "Doyle", "Lynch", "Quinn", "Fitzgerald", "Kavanagh", "O'Neill",
        "Ó Briain", "MacNamara",
    ),
    "hispanic": (
        "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez",
        "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Ortiz",
        "Gutiérrez", "Chávez", "Ramos", "Ruiz", "Álvarez", "Mendoza", "Castillo", "Jiménez",
        "Vargas", "Romero", "Herrera", "Medina", "Aguilar", "Peña", "Muñoz", "Núñez",
        "De la Cruz", "Villaseñor", "Ibáñez", "Olvera", "Zúñiga",
    ),
    "german": (
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
        "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange",
        "Werner", "Krause", "Köhler", "Weiß", "Groß", "von Bülow", "Böhm", "Vogel", "Jäger",
    ),
    "french": (
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
        "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "David", "Bertrand", "Roux",
        "Vincent", "Fournier", "Morel", "Girard", "Gauthier", "Bélanger", "Côté", "Tremblay",
        "Gagnon", "Lévesque", "Bouchard", "Pelletier", "Lemaître", "Chevalier", "Faure",
        "Mercier", "Blanc", "Dupont",
    ),
    "nordic": (
        "Jensen", "Nielsen", "Hansen", "Andersson", "Johansson", "Larsen", "Karlsson",
        "Sørensen", "Pedersen", "Lindqvist", "Nyström", "Halvorsen", "Bjørnstad", "Åberg",
        "Lindgren", "Østergaard",
    ),
    "polish": (
        "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
        "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowska", "Jankowski", "Mazur",
    ),
    "vietnamese": (
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
        "Đỗ", "Hồ", "Ngô", "Dương", "Nguyen", "Tran", "Pham",
    ),
    "italian": (
        "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
        "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano",
        "Rizzo", "Lombardi", "Moretti", "D'Angelo", "Caruso", "DiMaggio", "Santoro",
    ),
    "chinese": (
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
        "Sun", "Ma", "Zhu", "Lin", "Wong", "Chan", "Leung", "Lau", "Cheung", "Ho", "Tsang",
    ),
    "korean": (
        "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh",
        "Seo", "Shin", "Kwon", "Hwang",
    ),
    "indian": (
        "Patel", "Sharma", "Singh", "Kumar", "Gupta", "Shah", "Mehta", "Reddy", "Iyer", "Nair",
        "Rao", "Desai", "Joshi", "Chopra", "Kapoor", "Malhotra", "Banerjee", "Pillai", "Verma",
    ),
    "greek": (
        "Papadopoulos", "Georgiou", "Nikolaidis", "Pappas", "Konstantinou", "Dimitriou",
        "Alexiou", "Vlahos", "Karras", "Economou", "Andreou",
    ),
    "arabic": (
        "Haddad", "Khoury", "Mansour", "Nasser", "Saleh", "Hamdan", "Farah", "Aziz", "Benali",
        "Bouzid", "El-Amin", "Kassem", "Saïd", "Rahman", "Ibrahim",
    ),
    "turkish": (
        "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan",
        "Doğan", "Kılıç", "Aslan", "Koç", "Kurt",
    ),
}

COMPANY_KINDS = (
    "Motors", "Auto Body", "Collision", "Jewelers", "Antiques", "Vintage", "Collectibles",
    "Classics", "Motorsports", "Consignment", "Cards & Comics", "Records", "Garage",
    "Auto Repair", "Timepieces", "Boutique", "Design", "Trading", "Holdings", "Imports",
)
COMPANY_PLACES = (
    "Bayside", "Northgate", "Redwood", "Golden Hour", "Copper Kettle", "Blue Ridge",
    "Harbor", "Summit", "Lakeshore", "Old Town", "Silver Line", "Westside", "Ironwood",
    "Foxglove", "Granite", "Riverbend", "Lone Star", "Pacific Coast", "Maple Leaf", "Crown",
)

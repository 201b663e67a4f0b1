using System.Globalization;
using System.Text;

namespace NearshoreHub.Web.Features.DemoData;

/// <summary>
/// Hand-written first names and surnames that are common in each language area of the region, so a
/// seeded person from Recife reads as Brazilian and one from Kingston as Jamaican.
/// </summary>
internal sealed class DemoDataNames
{
    private static readonly DemoDataNames Spanish = new(
        [
            "María", "José", "Juan", "Luis", "Carlos", "Ana", "Sofía", "Valentina", "Camila", "Daniela", "Alejandro", "Diego",
            "Javier", "Miguel", "Andrés", "Fernando", "Gabriela", "Mariana", "Lucía", "Isabella", "Ricardo", "Sebastián", "Mateo",
            "Santiago", "Emilio", "Francisco", "Patricia", "Laura", "Carolina", "Paula", "Natalia", "Verónica", "Adriana", "Alejandra",
            "Jorge", "Eduardo", "Raúl", "Óscar", "Manuel", "Rafael", "Héctor", "Sergio", "Pablo", "Tomás", "Joaquín", "Martín",
            "Nicolás", "Felipe", "Rodrigo", "Gustavo", "Claudia", "Mónica", "Elena", "Rosa", "Fernanda", "Jimena", "Renata", "Ximena",
            "Regina", "Valeria", "Andrea", "Diana", "Paola", "Lorena", "Silvia", "Beatriz", "Cristian", "Iván", "Hugo", "Álvaro",
            "Gonzalo", "Ignacio", "Agustina", "Florencia", "Julieta", "Milagros", "Esteban", "Mauricio", "Ramiro", "Leonardo",
        ],
        [
            "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres", "Flores",
            "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Reyes", "Gutiérrez", "Ortiz", "Chávez", "Ruiz", "Jiménez", "Mendoza",
            "Álvarez", "Castillo", "Romero", "Herrera", "Medina", "Aguilar", "Vargas", "Castro", "Guzmán", "Fernández", "Muñoz",
            "Rojas", "Moreno", "Vásquez", "Salazar", "Navarro", "Domínguez", "Ramos", "Vega", "Soto", "Delgado", "Cabrera",
            "Contreras", "Silva", "Figueroa", "Cortés", "Núñez", "Peña", "Espinoza", "Sandoval", "Campos", "Guerrero", "Acosta",
            "Ríos", "Paredes", "Cárdenas", "Quintero", "Ospina", "Valencia", "Zapata", "Benítez", "Acuña", "Quispe", "Mamani",
            "Huamán", "Ferreyra", "Sosa", "Giménez", "Rossi", "Bianchi", "Pereyra", "Villalobos", "Solís", "Araya", "Fuentes",
        ],
        surnames: 2);

    private static readonly DemoDataNames Portuguese = new(
        [
            "João", "Maria", "Ana", "Pedro", "Lucas", "Gabriel", "Rafael", "Mateus", "Gustavo", "Felipe", "Bruno", "Thiago",
            "Leonardo", "Rodrigo", "Eduardo", "Vinícius", "Guilherme", "Caio", "Diego", "André", "Marcelo", "Fábio", "Paulo",
            "Ricardo", "Fernanda", "Juliana", "Camila", "Beatriz", "Larissa", "Letícia", "Mariana", "Amanda", "Bruna", "Carolina",
            "Gabriela", "Isabela", "Júlia", "Luana", "Natália", "Patrícia", "Priscila", "Renata", "Tatiane", "Vanessa", "Aline",
            "Débora", "Heloísa", "Lívia", "Sabrina", "Daniela", "Matheus", "Henrique", "Otávio", "Murilo", "Enzo", "Davi",
            "Arthur", "Heitor", "Samuel", "Igor", "Alessandra", "Cláudia", "Simone", "Luciana", "Raquel", "Vitória",
        ],
        [
            "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Costa",
            "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa", "Rocha", "Dias",
            "Nascimento", "Andrade", "Moreira", "Nunes", "Marques", "Machado", "Mendes", "Freitas", "Cardoso", "Ramos",
            "Gonçalves", "Santana", "Teixeira", "Araújo", "Pinto", "Correia", "Monteiro", "Moura", "Cavalcanti", "Batista",
            "Campos", "Duarte", "Barros", "Castro", "Azevedo", "Brandão", "Farias", "Siqueira", "Tavares", "Rezende", "Magalhães",
            "Coelho", "Pacheco", "Xavier", "Melo", "Fonseca", "Figueiredo", "Prado",
        ],
        surnames: 2);

    private static readonly DemoDataNames CaribbeanEnglish = new(
        [
            "Andre", "Marlon", "Dwayne", "Kemar", "Rohan", "Shane", "Omar", "Jason", "Ryan", "Kevin", "Damion", "Tyrone",
            "Keisha", "Shanice", "Tanisha", "Kimberly", "Nicole", "Simone", "Melissa", "Tamara", "Natasha", "Crystal", "Renee",
            "Alicia", "Monique", "Anthony", "Christopher", "Michael", "David", "Aaliyah", "Ravi", "Anil", "Priya", "Sunita",
        ],
        [
            "Brown", "Williams", "Campbell", "Thompson", "Smith", "Clarke", "Johnson", "Robinson", "Reid", "Wright", "Graham",
            "Francis", "Henry", "Stewart", "Lewis", "Walker", "Bailey", "Gordon", "Grant", "Morgan", "Mohammed", "Ramdial",
            "Persaud", "Singh", "Charles", "Joseph", "Baptiste", "Young", "Edwards", "Palmer",
        ],
        surnames: 1);

    private static readonly DemoDataNames Haitian = new(
        [
            "Jean", "Pierre", "Marc", "Jacques", "Louis", "Stanley", "Wilson", "Frantz", "Ricardo", "Marie", "Nadège", "Rose",
            "Guerline", "Fabienne", "Judith", "Mirlande", "Esther", "Stéphanie", "Ketly", "Widline", "Emmanuel", "Junior",
        ],
        [
            "Jean-Baptiste", "Pierre", "Joseph", "Louis", "Charles", "Jean", "Desir", "Augustin", "Étienne", "Fils-Aimé",
            "Dorvil", "Bien-Aimé", "Delva", "Noël", "Toussaint", "Célestin", "Michel", "Paul", "Lafortune", "Dorméus",
        ],
        surnames: 1);

    private static readonly DemoDataNames Surinamese = new(
        [
            "Ravi", "Anand", "Sandra", "Priya", "Kevin", "Dennis", "Roy", "Mireille", "Sharon", "Johan", "Wendy", "Ashvin",
            "Sunil", "Chandra", "Rinaldo", "Natasha", "Gerold", "Ingrid",
        ],
        [
            "Ramdin", "Sewnarain", "Kartosen", "Pinas", "Bouterse", "Jap-A-Joe", "Brunings", "Santokhi", "Wongsodikromo",
            "Sedney", "Abrahams", "Kanhai", "Tjin-A-Tsoi", "Vyent", "Macintosh", "Ramsaran",
        ],
        surnames: 1);

    private readonly string[] _first;
    private readonly string[] _last;
    private readonly string[] _firstSlug;
    private readonly string[] _lastSlug;
    private readonly int _surnames;

    private DemoDataNames(string[] first, string[] last, int surnames)
    {
        _first = first;
        _last = last;
        _firstSlug = first.Select(EmailSlug).ToArray();
        _lastSlug = last.Select(EmailSlug).ToArray();
        _surnames = surnames;
    }

    public static DemoDataNames ForCountry(string country) => country switch
    {
        "BR" => Portuguese,
        "JM" or "TT" or "BZ" or "GY" => CaribbeanEnglish,
        "HT" => Haitian,
        "SR" => Surinamese,
        _ => Spanish,
    };

    /// <summary>A full name and the ASCII local part of an email ("joao.silva") built from the same draw.</summary>
    public (string FullName, string LocalPart) Next(Random random)
    {
        var f = random.Next(_first.Length);
        var l1 = random.Next(_last.Length);
        // Most Spanish- and Portuguese-speaking people carry two surnames; many go by one.
        if (_surnames == 2 && random.Next(100) < 55)
        {
            var l2 = random.Next(_last.Length);
            if (l2 != l1)
            {
                return ($"{_first[f]} {_last[l1]} {_last[l2]}", $"{_firstSlug[f]}.{_lastSlug[l1]}");
            }
        }

        return ($"{_first[f]} {_last[l1]}", $"{_firstSlug[f]}.{_lastSlug[l1]}");
    }

    /// <summary>"Jean-Baptiste" → "jeanbaptiste", "João" → "joao": what the API's email rule accepts.</summary>
    internal static string EmailSlug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && char.IsLetter(c))
            {
                builder.Append('x');
            }
        }

        return builder.ToString();
    }
}

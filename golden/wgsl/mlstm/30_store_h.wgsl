// store_h: computes h (mlstm.cell:36)
// one thread per element of [T, B, 8]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

fn sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 8u * sizes.B * sizes.T) { return; }
  let i2 = id % 8u;
  let rest = id / 8u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  var h: f32;
  if (i2 < 4u) {
    let slice25 = work_buf[120u * sizes.B * sizes.T + 44u * sizes.B + ((i0) * sizes.B + i1) * 4u + i2 - 0u];
    let sigmoid35 = sigmoid(slice25);
    var sum38 = 0.0;
    for (var k = 0u; k < 4u; k++) {
      let C_next = work_buf[68u * sizes.B * sizes.T + 16u * sizes.B + (((i0) * sizes.B + i1) * 4u + i2 - 0u) * 4u + k];
      let slice20 = work_buf[112u * sizes.B * sizes.T + 44u * sizes.B + ((i0) * sizes.B + i1) * 4u + k];
      let mul37 = (C_next * slice20);
      sum38 += mul37;
    }
    let mul39 = (sigmoid35 * sum38);
    let scale = work_buf[116u * sizes.B * sizes.T + 44u * sizes.B + ((i0) * sizes.B + i1) * 1u + 0u];
    var sum41 = 0.0;
    for (var k_2 = 0u; k_2 < 4u; k_2++) {
      let n_next = work_buf[100u * sizes.B * sizes.T + 36u * sizes.B + ((i0) * sizes.B + i1) * 4u + k_2];
      let slice20_2 = work_buf[112u * sizes.B * sizes.T + 44u * sizes.B + ((i0) * sizes.B + i1) * 4u + k_2];
      let mul40 = (n_next * slice20_2);
      sum41 += mul40;
    }
    let abs42 = abs(sum41);
    let sub44 = (abs42 - scale);
    let relu45 = max(sub44, 0.0);
    let add46 = (scale + relu45);
    let h_2 = (mul39 / add46);
    h = h_2;
  } else {
    let slice53 = work_buf[144u * sizes.B * sizes.T + 44u * sizes.B + ((i0) * sizes.B + i1) * 4u + i2 - 4u];
    let sigmoid60 = sigmoid(slice53);
    var sum63 = 0.0;
    for (var k_3 = 0u; k_3 < 4u; k_3++) {
      let C_next_2 = work_buf[84u * sizes.B * sizes.T + 32u * sizes.B + (((i0) * sizes.B + i1) * 4u + i2 - 4u) * 4u + k_3];
      let slice48 = work_buf[124u * sizes.B * sizes.T + 44u * sizes.B + ((i0) * sizes.B + i1) * 4u + k_3];
      let mul62 = (C_next_2 * slice48);
      sum63 += mul62;
    }
    let mul64 = (sigmoid60 * sum63);
    let scale_2 = work_buf[40u * sizes.B * sizes.T + ((i0) * sizes.B + i1) * 1u + 0u];
    var sum66 = 0.0;
    for (var k_4 = 0u; k_4 < 4u; k_4++) {
      let n_next_2 = work_buf[104u * sizes.B * sizes.T + 40u * sizes.B + ((i0) * sizes.B + i1) * 4u + k_4];
      let slice48_2 = work_buf[124u * sizes.B * sizes.T + 44u * sizes.B + ((i0) * sizes.B + i1) * 4u + k_4];
      let mul65 = (n_next_2 * slice48_2);
      sum66 += mul65;
    }
    let abs67 = abs(sum66);
    let sub69 = (abs67 - scale_2);
    let relu70 = max(sub69, 0.0);
    let add71 = (scale_2 + relu70);
    let h_3 = (mul64 / add71);
    h = h_3;
  }
  work_buf[32u * sizes.B * sizes.T + ((i0) * sizes.B + i1) * 8u + i2] = h;
}

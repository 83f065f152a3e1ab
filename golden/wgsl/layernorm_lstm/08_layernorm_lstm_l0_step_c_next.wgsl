// layernorm_lstm_l0_step_c_next: one time step of layernorm_lstm_l0: c' (layernorm_lstm.cell:28)
// one thread per element of [B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

fn sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }
fn tanh_safe(x: f32) -> f32 { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 20u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 20u;
  let rest = id / 20u;
  let i0 = rest;
  let gamma_ih = params_buf[2480u + i1 + 20u];
  let a = work_buf[32u * sizes.B * sizes.T + 100u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 20u];
  var sum12 = 0.0;
  for (var k = 0u; k < 80u; k++) {
    let a_2 = work_buf[32u * sizes.B * sizes.T + 100u * sizes.B + tau * 80u * sizes.B + i0 * 80u + k];
    sum12 += a_2;
  }
  let div14 = (sum12 / 80.0);
  let sub16 = (a - div14);
  let mul17 = (gamma_ih * sub16);
  var sum19 = 0.0;
  for (var k_2 = 0u; k_2 < 80u; k_2++) {
    let mul18 = work_buf[112u * sizes.B * sizes.T + 180u * sizes.B + i0 * 80u + k_2];
    sum19 += mul18;
  }
  let div20 = (sum19 / 80.0);
  let add22 = (div20 + 0.000009999999747378752);
  let sqrt23 = sqrt(add22);
  let div25 = (mul17 / sqrt23);
  let gamma_hh = params_buf[2560u + i1 + 20u];
  let r = work_buf[112u * sizes.B * sizes.T + 100u * sizes.B + i0 * 80u + i1 + 20u];
  var sum26 = 0.0;
  for (var k_3 = 0u; k_3 < 80u; k_3++) {
    let r_2 = work_buf[112u * sizes.B * sizes.T + 100u * sizes.B + i0 * 80u + k_3];
    sum26 += r_2;
  }
  let div27 = (sum26 / 80.0);
  let sub29 = (r - div27);
  let mul30 = (gamma_hh * sub29);
  var sum32 = 0.0;
  for (var k_4 = 0u; k_4 < 80u; k_4++) {
    let mul31 = work_buf[112u * sizes.B * sizes.T + 260u * sizes.B + i0 * 80u + k_4];
    sum32 += mul31;
  }
  let div33 = (sum32 / 80.0);
  let add34 = (div33 + 0.000009999999747378752);
  let sqrt35 = sqrt(add34);
  let div37 = (mul30 / sqrt35);
  let add38 = (div25 + div37);
  let bias = params_buf[2400u + i1 + 20u];
  let gates = (add38 + bias);
  let f = sigmoid(gates);
  let c = work_buf[112u * sizes.B * sizes.T + 340u * sizes.B + ((sizes.T - sizes.step) % 2u) * 20u * sizes.B + i0 * 20u + i1];
  let mul48 = (f * c);
  let gamma_ih_2 = params_buf[2480u + i1 + 0u];
  let a_3 = work_buf[32u * sizes.B * sizes.T + 100u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 0u];
  let sub16_2 = (a_3 - div14);
  let mul17_2 = (gamma_ih_2 * sub16_2);
  let div25_2 = (mul17_2 / sqrt23);
  let gamma_hh_2 = params_buf[2560u + i1 + 0u];
  let r_3 = work_buf[112u * sizes.B * sizes.T + 100u * sizes.B + i0 * 80u + i1 + 0u];
  let sub29_2 = (r_3 - div27);
  let mul30_2 = (gamma_hh_2 * sub29_2);
  let div37_2 = (mul30_2 / sqrt35);
  let add38_2 = (div25_2 + div37_2);
  let bias_2 = params_buf[2400u + i1 + 0u];
  let gates_2 = (add38_2 + bias_2);
  let i = sigmoid(gates_2);
  let gamma_ih_3 = params_buf[2480u + i1 + 40u];
  let a_4 = work_buf[32u * sizes.B * sizes.T + 100u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 40u];
  let sub16_3 = (a_4 - div14);
  let mul17_3 = (gamma_ih_3 * sub16_3);
  let div25_3 = (mul17_3 / sqrt23);
  let gamma_hh_3 = params_buf[2560u + i1 + 40u];
  let r_4 = work_buf[112u * sizes.B * sizes.T + 100u * sizes.B + i0 * 80u + i1 + 40u];
  let sub29_3 = (r_4 - div27);
  let mul30_3 = (gamma_hh_3 * sub29_3);
  let div37_3 = (mul30_3 / sqrt35);
  let add38_3 = (div25_3 + div37_3);
  let bias_3 = params_buf[2400u + i1 + 40u];
  let gates_3 = (add38_3 + bias_3);
  let g = tanh_safe(gates_3);
  let mul49 = (i * g);
  let c_next = (mul48 + mul49);
  work_buf[112u * sizes.B * sizes.T + 340u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 20u * sizes.B + i0 * 20u + i1] = c_next;
}
